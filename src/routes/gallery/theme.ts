import type { ResolvedPathname } from '$app/types';

/** The gallery's colour themes; without one, the components follow `prefers-color-scheme`. */
export type GalleryTheme = 'light' | 'dark';

/** Reads `?theme=light|dark`; anything else means "follow the system". */
export function readTheme(url: URL): GalleryTheme | undefined {
	const theme = url.searchParams.get('theme');
	return theme === 'light' || theme === 'dark' ? theme : undefined;
}

/** A gallery link (from `resolve()`) that keeps the current theme, optionally to a state's anchor. */
export function withTheme(
	path: ResolvedPathname,
	theme: GalleryTheme | undefined,
	anchor?: string
): ResolvedPathname {
	const query = theme ? `?theme=${theme}` : '';
	const hash = anchor ? `#${anchor}` : '';
	// Still the same resolved route: only a query and a fragment are added.
	return `${path}${query}${hash}` as ResolvedPathname;
}
