import {
	Lexer,
	Marked,
	Parser,
	type MarkedOptions,
	type RendererObject,
	type Token,
	type TokensList
} from 'marked';
import { decodeCharacterReferences, escapeHtml } from './escape.js';
import {
	sanitizerInternals,
	type SanitizerInternals,
	type UrlPolicy
} from './sanitizer-internals.js';
import {
	isAllowedImage,
	isAllowedLink,
	isExternalUrl,
	resolveImagePolicy,
	resolveLinkPolicy,
	type ImagePolicy,
	type LinkPolicy
} from './policy.js';

/**
 * What happens to raw HTML written by the model.
 * - `'escape'`: shown as text (the default; nothing the model writes becomes markup).
 * - an {@link HtmlSanitizer} (see `createHtmlSanitizer`): HTML passes through it, block by block.
 *
 * @example
 * ```ts
 * renderMarkdown('Press <kbd>Esc</kbd>'); // '<p>Press &lt;kbd&gt;Esc&lt;/kbd&gt;</p>\n'
 * renderMarkdown('Press <kbd>Esc</kbd>', { html: createHtmlSanitizer() }); // <kbd> kept
 * ```
 */
export type HtmlPolicy = 'escape' | HtmlSanitizer;

/**
 * Cleans one block of HTML; created by `createHtmlSanitizer` with a strict DOMPurify configuration.
 * Give it as `html` to `renderMarkdown` or `StreamingMarkdown` to let the model write some HTML.
 *
 * @example
 * ```ts
 * const sanitizer: HtmlSanitizer = createHtmlSanitizer();
 * if (sanitizer.isSupported()) sanitizer.sanitize('<b onclick="steal()">hi</b>'); // '<b>hi</b>'
 * ```
 */
export interface HtmlSanitizer {
	readonly kind: 'html-sanitizer';
	/** False where there is no DOM to sanitise in; raw HTML is then escaped instead. */
	isSupported(): boolean;
	sanitize(html: string): string;
}

/**
 * The safety policy shared by `renderMarkdown`, `createMarkdownStream` and `StreamingMarkdown`:
 * which links and images survive, and what happens to raw HTML from the model.
 *
 * @example
 * ```ts
 * const policy: MarkdownPolicy = { links: { protocols: ['https:'] }, images: false };
 * const html = renderMarkdown(answer, policy);
 * ```
 */
export interface MarkdownPolicy {
	/**
	 * Which links become `<a href>`; the rest render as their text.
	 * @default { protocols: ['http:', 'https:', 'mailto:'], relative: true }
	 */
	links?: LinkPolicy;
	/**
	 * Which images load; the rest render as their alt text.
	 * @default { protocols: ['https:'], dataImages: true, relative: false }
	 */
	images?: ImagePolicy;
	/**
	 * Raw HTML in the model's text.
	 * @default 'escape'
	 */
	html?: HtmlPolicy;
}

/** Lexes and renders markdown blocks under one safety policy. Created once per policy. */
export interface BlockRenderer {
	/** Block-lexes `source`, resolving references against (and adding new ones to) `links`. */
	lex(source: string, links: TokensList['links']): TokensList;
	/** Renders one top-level block token to HTML. */
	render(token: Token): string;
}

/**
 * Builds a marked pipeline whose output is safe for untrusted text: raw HTML escaped (or
 * sanitised), links and images checked against the policy, text always escaped.
 */
export function createBlockRenderer(policy: MarkdownPolicy = {}): BlockRenderer {
	const links = resolveLinkPolicy(policy.links);
	const images = resolveImagePolicy(policy.images);
	const html = policy.html ?? 'escape';
	// Only a sanitiser createHtmlSanitizer made has internals (a WeakMap lookup, safe for any value).
	const internals = html === 'escape' ? undefined : sanitizerInternals(html);
	if (html !== 'escape' && !internals) {
		throw new TypeError("`html` must be 'escape' or the result of createHtmlSanitizer()");
	}
	const sanitizer = html !== 'escape' && html.isSupported() ? internals : undefined;
	const urlPolicy: UrlPolicy = { links, images };
	const marked = new Marked({ gfm: true, breaks: false });
	marked.use({
		tokenizer: {
			inlineText() {
				// Marked passes text after an inline <pre>/<code>/<script> tag through unescaped
				// ("raw block" state); never enter that state, so all text is escaped.
				this.lexer.state.inRawBlock = false;
				return false;
			}
		},
		renderer: safeRenderer(urlPolicy, sanitizer)
	});
	const options = marked.defaults as MarkedOptions;
	return {
		lex(source, known) {
			const lexer = new Lexer(options);
			Object.assign(lexer.tokens.links, known);
			const tokens = lexer.lex(source);
			Object.assign(known, tokens.links);
			return tokens;
		},
		render(token) {
			const out = new Parser(options).parse([token]);
			return sanitizer ? sanitizer.sanitize(out, urlPolicy) : out;
		}
	};
}

function safeRenderer(
	policy: UrlPolicy,
	sanitizer: SanitizerInternals | undefined
): RendererObject {
	const { links, images } = policy;
	return {
		html(token) {
			if (!sanitizer) {
				const text = escapeHtml(token.text);
				return token.block ? `<p>${text.replace(/\n+$/, '')}</p>\n` : text;
			}
			// A block of HTML is cleaned on its own, with only the tags the model may write. An inline
			// token is one tag (CommonMark's grammar): one the model may not write is dropped, its
			// content (separate tokens) kept; the block's final pass cleans attributes and URLs.
			if (token.block) return sanitizer.sanitizeRaw(token.text, policy);
			const tag = /^<\/?([a-zA-Z][\w:-]*)/.exec(token.text);
			return tag && !sanitizer.rawTags.has(tag[1].toLowerCase()) ? '' : token.text;
		},
		text(token) {
			if ('tokens' in token && token.tokens) return this.parser.parseInline(token.tokens);
			return escapeText(token.text);
		},
		link({ href, title, tokens, text, autolink }) {
			const inner = autolink ? escapeHtml(text) : this.parser.parseInline(tokens);
			// CommonMark decodes references in destinations; judge and write the decoded URL so a
			// browser reads exactly what was checked.
			const decoded = decodeCharacterReferences(href);
			const url = encodeUrl(decoded);
			if (url === null || !isAllowedLink(href, links) || !isAllowedLink(url, links)) return inner;
			let out = `<a href="${escapeHtml(url)}"`;
			if (title) out += ` title="${escapeHtml(decodeCharacterReferences(title))}"`;
			if (links.rel && isExternalUrl(url)) out += ` rel="${escapeHtml(links.rel)}"`;
			return `${out}>${inner}</a>`;
		},
		image({ href, title, text, tokens }) {
			const alt = tokens ? this.parser.parseInline(tokens, this.parser.textRenderer) : text;
			const url = encodeUrl(decodeCharacterReferences(href));
			if (url === null || !isAllowedImage(href, images) || !isAllowedImage(url, images)) {
				return escapeText(alt);
			}
			let out = `<img src="${escapeHtml(url)}" alt="${escapeHtml(decodeCharacterReferences(alt))}"`;
			if (title) out += ` title="${escapeHtml(decodeCharacterReferences(title))}"`;
			return `${out}>`;
		}
	};
}

/** Escapes text for HTML but keeps character references marked already decoded or left as written. */
function escapeText(text: string): string {
	return text.replace(/[<>"']|&(?!#\d{1,7};|#[xX][0-9a-fA-F]{1,6};|\w+;)/g, (char) =>
		escapeHtml(char)
	);
}

/** Percent-encodes like marked does, so allowed links come out exactly as plain marked writes them. */
function encodeUrl(href: string): string | null {
	try {
		return encodeURI(href).replace(/%25/g, '%');
	} catch {
		return null;
	}
}
