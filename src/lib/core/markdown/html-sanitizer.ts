import createDOMPurify, { type Config, type WindowLike } from 'dompurify';
import type { HtmlSanitizer } from './renderer.js';
import {
	isAllowedImage,
	isAllowedLink,
	isExternalUrl,
	resolveImagePolicy,
	resolveLinkPolicy,
	type ImagePolicy,
	type LinkPolicy
} from './policy.js';
import { internals, type UrlPolicy } from './sanitizer-internals.js';

/**
 * Options of {@link createHtmlSanitizer}: which tags the model may write, the window DOMPurify
 * works in, and the URL policy for links and images written as HTML.
 *
 * @example
 * ```ts
 * import { JSDOM } from 'jsdom'; // on a server; a browser has its own window
 * const html = createHtmlSanitizer({ allowedTags: ['kbd', 'sup'], window: new JSDOM('').window });
 * renderMarkdown('Press <kbd>Esc</kbd>', { html });
 * ```
 */
export interface HtmlSanitizerOptions {
	/**
	 * The tags the model may write as HTML, all of them: any other is dropped (its text kept), even
	 * one markdown itself renders, such as `a`, `img` or `table`. `style`, `form`, `iframe`,
	 * `object`, `embed`, `base`, `meta`, `link`, `script`, `svg` and `math` are refused even when
	 * listed.
	 * @default ['b', 'i', 'em', 'strong', 'u', 's', 'del', 'ins', 'mark', 'sub', 'sup', 'kbd', 'code', 'br', 'small', 'abbr', 'details', 'summary']
	 */
	allowedTags?: readonly string[];
	/** The window DOMPurify works in. @default globalThis.window (pass jsdom's on a server) */
	window?: WindowLike;
	/**
	 * Link policy for `<a href>` when you call `sanitize()` yourself; under `renderMarkdown` or
	 * `StreamingMarkdown` their own `links` applies instead. @default the default LinkPolicy
	 */
	links?: LinkPolicy;
	/**
	 * Image policy for `<img src>` when you call `sanitize()` yourself; under `renderMarkdown` or
	 * `StreamingMarkdown` their own `images` applies instead. @default the default ImagePolicy
	 */
	images?: ImagePolicy;
}

const DEFAULT_TAGS = [
	'b',
	'i',
	'em',
	'strong',
	'u',
	's',
	'del',
	'ins',
	'mark',
	'sub',
	'sup',
	'kbd',
	'code',
	'br',
	'small',
	'abbr',
	'details',
	'summary'
];
// What the markdown renderer itself writes; needed because the whole block passes through DOMPurify.
const MARKDOWN_TAGS = [
	'p',
	'a',
	'img',
	'ul',
	'ol',
	'li',
	'blockquote',
	'pre',
	'code',
	'em',
	'strong',
	'del',
	'hr',
	'br',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'table',
	'thead',
	'tbody',
	'tr',
	'th',
	'td',
	'input'
];
const NEVER_TAGS = [
	'style',
	'form',
	'iframe',
	'frame',
	'frameset',
	'object',
	'embed',
	'base',
	'meta',
	'link',
	'script',
	'svg',
	'math',
	'template',
	'button',
	'textarea',
	'select',
	'option',
	'noscript'
];
const ALLOWED_ATTRIBUTES = [
	'href',
	'src',
	'alt',
	'title',
	'class',
	'start',
	'align',
	'checked',
	'disabled',
	'type',
	'rel',
	'open'
];

/**
 * Opt-in: lets the model write a small set of HTML tags, cleaned by DOMPurify with a strict
 * configuration (its defaults keep `form`, `formaction` and `style`, which this one refuses). Only
 * the `allowedTags` pass; links and images written as HTML (when `a`/`img` are listed) are held to
 * the same `links`/`images` policy as the markdown ones. Where no DOM is available (a server
 * without `window`), HTML stays escaped.
 *
 * @example
 * ```ts
 * import { createHtmlSanitizer, renderMarkdown } from 'svelte-llm-stream/core';
 *
 * const html = createHtmlSanitizer({ allowedTags: ['kbd', 'sup'] });
 * renderMarkdown('Press <kbd>Ctrl</kbd><form><input></form>', { html }); // <kbd> kept, <form> gone
 * ```
 */
export function createHtmlSanitizer(options: HtmlSanitizerOptions = {}): HtmlSanitizer {
	const links = resolveLinkPolicy(options.links);
	const images = resolveImagePolicy(options.images);
	const extra = (options.allowedTags ?? DEFAULT_TAGS).map((tag) => {
		if (typeof tag !== 'string' || !/^[a-z][a-z0-9]*$/i.test(tag)) {
			throw new TypeError(`allowedTags: ${JSON.stringify(tag)} is not a tag name like 'kbd'`);
		}
		return tag.toLowerCase();
	});
	const rawTags = new Set(extra.filter((t) => !NEVER_TAGS.includes(t)));
	const allowed = [...new Set([...MARKDOWN_TAGS, ...rawTags])].filter(
		(t) => !NEVER_TAGS.includes(t)
	);
	const config: Config = {
		ALLOWED_TAGS: allowed,
		ALLOWED_ATTR: ALLOWED_ATTRIBUTES,
		FORBID_TAGS: NEVER_TAGS,
		FORBID_ATTR: ['style', 'formaction', 'form', 'action', 'srcset', 'id', 'name'],
		ALLOW_DATA_ATTR: false,
		ALLOW_ARIA_ATTR: false,
		ALLOW_UNKNOWN_PROTOCOLS: false,
		KEEP_CONTENT: true,
		RETURN_DOM: false,
		RETURN_DOM_FRAGMENT: false
	};
	const rawConfig: Config = { ...config, ALLOWED_TAGS: [...rawTags] };
	const own: UrlPolicy = { links, images };
	// The policy the hook below applies; set for each call (DOMPurify runs synchronously).
	let current = own;
	let purifier: ReturnType<typeof createDOMPurify> | null = null;
	const getPurifier = () => {
		if (purifier) return purifier;
		const win = options.window ?? (globalThis as { window?: WindowLike }).window;
		if (!win) return null;
		purifier = createDOMPurify(win);
		if (!purifier.isSupported) return (purifier = null);
		purifier.addHook('afterSanitizeAttributes', (node) => {
			const element = node as Element;
			const tag = element.tagName?.toLowerCase();
			if (element.hasAttribute?.('class')) {
				const value = element.getAttribute('class') ?? '';
				if (tag !== 'code' || !/^language-[\w+#.-]+$/.test(value)) element.removeAttribute('class');
			}
			if (tag === 'a') {
				const href = element.getAttribute('href');
				if (href !== null && !isAllowedLink(href, current.links)) element.removeAttribute('href');
				else if (href !== null && isExternalUrl(href) && current.links.rel)
					element.setAttribute('rel', current.links.rel);
				else element.removeAttribute('rel');
			} else if (element.hasAttribute?.('href')) {
				element.removeAttribute('href');
			}
			if (tag === 'img') {
				const src = element.getAttribute('src');
				if (src === null || !isAllowedImage(src, current.images)) element.removeAttribute('src');
			} else if (element.hasAttribute?.('src')) {
				element.removeAttribute('src');
			}
			if (tag === 'input') {
				// Only the task-list checkbox marked writes: disabled, never a form control.
				element.setAttribute('type', 'checkbox');
				element.setAttribute('disabled', '');
			} else {
				for (const attribute of ['type', 'checked', 'disabled']) element.removeAttribute(attribute);
			}
		});
		return purifier;
	};
	const run = (html: string, policy: UrlPolicy, with_: Config): string => {
		const purify = getPurifier();
		if (!purify)
			throw new Error('createHtmlSanitizer: no DOM here; pass `window` (e.g. from jsdom)');
		current = policy;
		try {
			return String(purify.sanitize(html, with_));
		} finally {
			current = own;
		}
	};
	const sanitizer: HtmlSanitizer = {
		kind: 'html-sanitizer',
		isSupported: () => getPurifier() !== null,
		sanitize: (html) => run(html, own, config)
	};
	internals.set(sanitizer, {
		rawTags,
		sanitize: (html, policy) => run(html, policy, config),
		sanitizeRaw: (html, policy) => run(html, policy, rawConfig)
	});
	return sanitizer;
}
