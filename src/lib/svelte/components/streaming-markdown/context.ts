import { getContext, setContext } from 'svelte';
import { createCodeHighlighter, type CodeHighlighter } from './highlighter.js';

const key = Symbol('svelte-llm-stream/code-highlighters');

/** Returns the highlighter for a theme. */
export type HighlighterForTheme = (theme: string) => CodeHighlighter;

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
		let highlighter = cache.get(theme);
		if (!highlighter) {
			highlighter = createCodeHighlighter({ theme });
			cache.set(theme, highlighter);
		}
		return highlighter;
	};
}
