// Helpers for tests that run in the jsdom environment (`// @vitest-environment jsdom`).

/** Parses `html` the way a browser would and returns the container element. */
export function parseHtml(html: string): HTMLElement {
	const container = document.createElement('div');
	container.innerHTML = html;
	return container;
}

/** The text a reader sees, whitespace collapsed. */
export function visibleText(html: string): string {
	return (parseHtml(html).textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Every `href` and `src`, as the browser decoded the attribute. */
export function urls(html: string): string[] {
	const found: string[] = [];
	for (const element of parseHtml(html).querySelectorAll('[href], [src]')) {
		for (const name of ['href', 'src']) {
			const value = element.getAttribute(name);
			if (value !== null) found.push(value);
		}
	}
	return found;
}

/** Names of all elements in `html`. */
export function tagNames(html: string): string[] {
	return [...parseHtml(html).querySelectorAll('*')].map((e) => e.tagName.toLowerCase());
}
