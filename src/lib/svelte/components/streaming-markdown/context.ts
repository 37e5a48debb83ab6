import { getContext, setContext } from 'svelte';
import {
	codeThemeKey,
	createCodeHighlighter,
	type CodeHighlighter,
	type CodeTheme
} from './highlighter.js';

const key = Symbol('svelte-llm-stream/code-highlighters');

/** Returns the highlighter for a theme. */
export type HighlighterForTheme = (theme: CodeTheme) => CodeHighlighter;

/**
 * The highlighters of this component tree: the outermost `StreamingMarkdown` creates the cache,
 * nested ones reuse it, so shiki loads once per tree and nothing is shared between server
 * requests. Call during component initialisation.
 */
export function useCodeHighlighters(): HighlighterForTheme {
	let byTheme = getContext<Map<string, CodeHighlighter> | undefined>(key);
	if (!byTheme) {
		byTheme = new Map();
		setContext(key, byTheme);
	}
	const cache = byTheme;
	return (theme) => {
		const themeKey = codeThemeKey(theme);
		let highlighter = cache.get(themeKey);
		if (!highlighter) {
			highlighter = createCodeHighlighter({ theme });
			cache.set(themeKey, highlighter);
		}
		return highlighter;
	};
}
