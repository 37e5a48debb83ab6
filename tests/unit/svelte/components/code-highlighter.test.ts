// The real shiki highlighter (JavaScript regex engine, lazily loaded grammars) in Node.
import { describe, expect, test } from 'vitest';
import { createCodeHighlighter } from '../../../../src/lib/index.js';

const textOf = (html: string) =>
	html
		.replace(/<[^>]+>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');

describe('createCodeHighlighter', () => {
	test('by default colours tokens for both schemes with light-dark(), text unchanged', async () => {
		const code = 'const a = 1 < 2 && "x";';
		const html = await createCodeHighlighter().highlight(code, 'ts');
		expect(html).not.toBeNull();
		expect(textOf(html!)).toBe(code);
		const colours = [...html!.matchAll(/style="color:([^"]+)"/g)].map((m) => m[1]);
		expect(colours.length).toBeGreaterThan(2);
		for (const colour of colours) {
			expect(colour).toMatch(/^light-dark\(#[0-9a-f]{3,8}, #[0-9a-f]{3,8}\)$/i);
		}
		// GitHub's themes colour `const` differently in light and dark.
		const keyword = /light-dark\((#[0-9a-f]+), (#[0-9a-f]+)\)">const</i.exec(html!)!;
		expect(keyword[1].toLowerCase()).not.toBe(keyword[2].toLowerCase());
	});

	test('one theme name gives plain hex colours', async () => {
		const html = await createCodeHighlighter({ theme: 'github-dark' }).highlight('let b = 2', 'js');
		expect(html).toMatch(/style="color:#[0-9a-f]{3,8}"/i);
		expect(html).not.toContain('light-dark');
	});

	test('an unknown language resolves to null; an unknown theme is a TypeError', async () => {
		expect(await createCodeHighlighter().highlight('x', 'no-such-lang')).toBeNull();
		await expect(
			createCodeHighlighter({ theme: 'no-such-theme' }).highlight('x', 'js')
		).rejects.toThrow(TypeError);
	});
});
