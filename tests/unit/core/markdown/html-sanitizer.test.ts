import { expect, test } from 'vitest';
import { createHtmlSanitizer } from '../../../../src/lib/core/markdown/html-sanitizer.js';
import { renderMarkdown } from '../../../../src/lib/core/markdown/render.js';

test('without a DOM, opt-in HTML stays escaped', () => {
	expect(typeof window).toBe('undefined');
	const html = createHtmlSanitizer();
	expect(html.isSupported()).toBe(false);
	expect(renderMarkdown('<kbd>x</kbd> **y**', { html })).toBe(
		'<p>&lt;kbd&gt;x&lt;/kbd&gt; <strong>y</strong></p>\n'
	);
});

test('a tag name that is not a name is refused with the fix', () => {
	expect(() => createHtmlSanitizer({ allowedTags: ['<b>'] })).toThrow(/tag name like 'kbd'/);
});
