// Shared by the renderer and createHtmlSanitizer without the renderer importing DOMPurify: a page
// that never opts in to HTML must not ship it.
import type { HtmlSanitizer } from './renderer.js';
import type { ResolvedImagePolicy, ResolvedLinkPolicy } from './policy.js';

/** The URL policy a sanitiser holds `<a href>` and `<img src>` to. */
export interface UrlPolicy {
	links: ResolvedLinkPolicy;
	images: ResolvedImagePolicy;
}

/**
 * What the markdown renderer needs of a sanitiser beyond its public face: the tags the model may
 * write (markdown's own output uses more), and sanitising under the renderer's URL policy, so
 * `links`/`images` given to `renderMarkdown` also govern links and images written as HTML.
 */
export interface SanitizerInternals {
	/** The tags raw HTML from the model may use: `allowedTags`, lower case, minus the never-tags. */
	readonly rawTags: ReadonlySet<string>;
	/** Cleans rendered markdown (markdown's tags and `rawTags`) under `policy`. */
	sanitize(html: string, policy: UrlPolicy): string;
	/** Cleans a block of raw HTML from the model, which may use `rawTags` only, under `policy`. */
	sanitizeRaw(html: string, policy: UrlPolicy): string;
}

export const internals = new WeakMap<HtmlSanitizer, SanitizerInternals>();

/** The internals of a sanitiser made by `createHtmlSanitizer`. */
export const sanitizerInternals = (sanitizer: HtmlSanitizer): SanitizerInternals | undefined =>
	internals.get(sanitizer);
