import type { HighlighterCore, ThemedToken } from 'shiki/core';

/** Highlights code to HTML (spans with theme colours), loading shiki and each grammar on first use. */
export interface CodeHighlighter {
	/**
	 * Resolves to the highlighted lines of `code` as HTML, or `null` when `lang` has no grammar.
	 * The text content of the result is exactly `code`, so swapping it in moves nothing.
	 */
	highlight(code: string, lang: string): Promise<string | null>;
	/** The result of an earlier `highlight` call for the same input, if still cached. */
	cached(code: string, lang: string): string | undefined;
}

/** Options of {@link createCodeHighlighter}. */
export interface CodeHighlighterOptions {
	/**
	 * A shiki bundled theme name.
	 * @default 'github-light'
	 */
	theme?: string;
	/**
	 * How many highlighted blocks to keep, so a block that re-mounts shows colours at once.
	 * @default 200
	 */
	cacheSize?: number;
}

/**
 * A lazily loaded shiki highlighter, one per `StreamingMarkdown` tree (shared through context).
 * Uses shiki's JavaScript regex engine, so no WebAssembly is fetched, and imports only the theme
 * and the grammars that answers actually use.
 *
 * @example
 * ```ts
 * const highlighter = createCodeHighlighter({ theme: 'github-dark' });
 * const html = await highlighter.highlight('const a = 1', 'ts'); // '<span style="color:…">const</span>…'
 * ```
 */
export function createCodeHighlighter(options: CodeHighlighterOptions = {}): CodeHighlighter {
	const theme = options.theme ?? 'github-light';
	const cacheSize = options.cacheSize ?? 200;
	let core: Promise<{ highlighter: HighlighterCore; langs: LanguageLoaders }> | null = null;
	const languages = new Map<string, Promise<string | null>>();
	const results = new Map<string, string>();

	const load = () =>
		(core ??= (async () => {
			const [{ createHighlighterCore }, { createJavaScriptRegexEngine }, themes, langs] =
				await Promise.all([
					import('shiki/core'),
					import('shiki/engine/javascript'),
					import('shiki/themes'),
					import('shiki/langs')
				]);
			const loadTheme = themes.bundledThemes[theme as keyof typeof themes.bundledThemes];
			if (!loadTheme) throw new TypeError(`Unknown shiki theme ${JSON.stringify(theme)}`);
			const highlighter = await createHighlighterCore({
				themes: [loadTheme()],
				langs: [],
				engine: createJavaScriptRegexEngine()
			});
			return { highlighter, langs: langs as unknown as LanguageLoaders };
		})());

	/** Resolves to the grammar id to use for `lang`, or null when shiki has none. */
	const loadLanguage = (lang: string) => {
		const key = lang.toLowerCase();
		let pending = languages.get(key);
		if (!pending) {
			pending = load().then(async ({ highlighter, langs }) => {
				// bundledLanguages maps names and aliases (`ts`, `py`) to lazy grammar imports.
				const loader = Object.hasOwn(langs.bundledLanguages, key)
					? langs.bundledLanguages[key]
					: null;
				if (!loader) return null;
				await highlighter.loadLanguage(loader as never);
				return key;
			});
			languages.set(key, pending);
		}
		return pending;
	};

	const remember = (key: string, html: string) => {
		results.delete(key);
		results.set(key, html);
		if (results.size > cacheSize) results.delete(results.keys().next().value as string);
	};

	return {
		cached: (code, lang) => results.get(`${lang}\u0000${code}`),
		async highlight(code, lang) {
			const key = `${lang}\u0000${code}`;
			const hit = results.get(key);
			if (hit !== undefined) return hit;
			if (!lang) return null;
			const id = await loadLanguage(lang);
			if (id === null) return null;
			const { highlighter } = await load();
			const lines = highlighter.codeToTokens(code, { lang: id, theme }).tokens;
			const html = lines.map(renderLine).join('\n');
			remember(key, html);
			return html;
		}
	};
}

type LanguageLoaders = { bundledLanguages: Record<string, () => Promise<unknown>> };

const escapeText = (text: string) =>
	text.replace(/[&<>]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : '&gt;'));

// Only colour is applied: bold or italic faces can change glyph widths, and the highlighted code
// must occupy exactly the space the plain text did.
function renderLine(tokens: ThemedToken[]): string {
	let out = '';
	for (const token of tokens) {
		const color = token.color && /^#[0-9a-fA-F]{3,8}$/.test(token.color) ? token.color : null;
		out += color
			? `<span style="color:${color}">${escapeText(token.content)}</span>`
			: escapeText(token.content);
	}
	return out;
}
