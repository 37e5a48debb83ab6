import type { HighlighterCore, ThemedTokenWithVariants } from 'shiki/core';

/**
 * Highlights code to HTML (spans with theme colours), loading shiki and each grammar on first use;
 * made by {@link createCodeHighlighter}, for code blocks of your own.
 *
 * @example
 * ```ts
 * const highlighter: CodeHighlighter = createCodeHighlighter();
 * const html = await highlighter.highlight('const answer = 42;', 'ts'); // null: no such grammar
 * ```
 */
export interface CodeHighlighter {
	/**
	 * Resolves to the highlighted lines of `code` as HTML, or `null` when `lang` has no grammar.
	 * The text content of the result is exactly `code`, so swapping it in moves nothing.
	 */
	highlight(code: string, lang: string): Promise<string | null>;
	/** The result of an earlier `highlight` call for the same input, if still cached. */
	cached(code: string, lang: string): string | undefined;
}

/**
 * A shiki bundled theme name, or one for each colour scheme: token colours are then written as
 * CSS `light-dark(light, dark)`, so code follows the `color-scheme` in force (the system setting,
 * or `data-llm-theme` on an ancestor) without highlighting twice.
 *
 * @example
 * ```svelte
 * <StreamingMarkdown source={stream.text} codeTheme={{ light: 'min-light', dark: 'nord' }} />
 * <StreamingMarkdown source={stream.text} codeTheme="github-dark-default" />
 * ```
 */
export type CodeTheme = string | { light: string; dark: string };

/**
 * The default code theme: GitHub's light and dark defaults, whose token colours meet WCAG AA on the
 * code background (light comments darkened from #6E7781 to #59636E for it; the older
 * `github-light` does not).
 *
 * @example
 * ```ts
 * // dark code in an always-dark app, the default light/dark pair elsewhere
 * const codeTheme: CodeTheme = alwaysDark ? 'github-dark-default' : DEFAULT_CODE_THEME;
 * ```
 */
export const DEFAULT_CODE_THEME: CodeTheme = {
	light: 'github-light-default',
	dark: 'github-dark-default'
};

/** A stable key for a {@link CodeTheme}, e.g. to cache a highlighter per theme. */
export const codeThemeKey = (theme: CodeTheme): string =>
	typeof theme === 'string' ? theme : `${theme.light}|${theme.dark}`;

/**
 * Options of {@link createCodeHighlighter}: the shiki theme(s) and how many highlighted blocks to
 * keep.
 *
 * @example
 * ```ts
 * const highlighter = createCodeHighlighter({ theme: 'github-dark-default', cacheSize: 50 });
 * ```
 */
export interface CodeHighlighterOptions {
	/**
	 * The shiki theme, or a light and a dark one.
	 * @default { light: 'github-light-default', dark: 'github-dark-default' }
	 */
	theme?: CodeTheme;
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
 * const highlighter = createCodeHighlighter({ theme: { light: 'github-light-default', dark: 'github-dark-default' } });
 * const html = await highlighter.highlight('const a = 1', 'ts'); // '<span style="color:…">const</span>…'
 * ```
 */
export function createCodeHighlighter(options: CodeHighlighterOptions = {}): CodeHighlighter {
	const theme = options.theme ?? DEFAULT_CODE_THEME;
	const themeNames = typeof theme === 'string' ? [theme] : [theme.light, theme.dark];
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
			const loaders = themeNames.map((name) => {
				const loadTheme = themes.bundledThemes[name as keyof typeof themes.bundledThemes];
				if (!loadTheme) throw new TypeError(`Unknown shiki theme ${JSON.stringify(name)}`);
				return loadTheme();
			});
			const highlighter = await createHighlighterCore({
				themes: loaders,
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
			const html =
				typeof theme === 'string'
					? highlighter
							.codeToTokens(code, { lang: id, theme })
							.tokens.map((line) => renderLine(line, (token) => hexColor(token.color, theme)))
							.join('\n')
					: highlighter
							.codeToTokensWithThemes(code, { lang: id, themes: theme })
							.map((line) => renderLine(line, (token) => dualColor(token, theme)))
							.join('\n');
			remember(key, html);
			return html;
		}
	};
}

type LanguageLoaders = { bundledLanguages: Record<string, () => Promise<unknown>> };

const escapeText = (text: string) =>
	text.replace(/[&<>]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : '&gt;'));

/**
 * Colours a theme uses that miss WCAG AA (4.5:1) on the code block's default background, and the
 * nearest shade that meets it: github-light-default's comments are #6E7781, 4.27:1 on #f6f8fa;
 * #59636E (GitHub's own muted text colour today) is 5.75:1.
 */
const CONTRAST_FIXES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
	'github-light-default': { '#6e7781': '#59636E' }
};

// Theme colours go into a style attribute, so only well-formed hex colours pass.
function hexColor(color: string | undefined, theme: string): string | null {
	if (!color || !/^#[0-9a-fA-F]{3,8}$/.test(color)) return null;
	return CONTRAST_FIXES[theme]?.[color.toLowerCase()] ?? color;
}

function dualColor(
	token: ThemedTokenWithVariants,
	theme: { light: string; dark: string }
): string | null {
	const light = hexColor(token.variants.light?.color, theme.light);
	const dark = hexColor(token.variants.dark?.color, theme.dark);
	return light && dark ? `light-dark(${light}, ${dark})` : (light ?? dark);
}

// Only colour is applied: bold or italic faces can change glyph widths, and the highlighted code
// must occupy exactly the space the plain text did.
function renderLine<T extends { content: string }>(
	tokens: T[],
	colorOf: (token: T) => string | null
): string {
	let out = '';
	for (const token of tokens) {
		const color = colorOf(token);
		out += color
			? `<span style="color:${color}">${escapeText(token.content)}</span>`
			: escapeText(token.content);
	}
	return out;
}
