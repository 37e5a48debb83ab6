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

	test('the default theme meets WCAG AA (4.5:1) on the code block background, in both schemes', async () => {
		// Comments, keywords, strings, numbers, functions, types, regexes, operators, punctuation.
		const samples: Array<[string, string]> = [
			[
				'ts',
				'// note\n/** doc */\nexport async function f<T>(a: T[], re = /x+/g): Promise<number> {\n  const s = `t${a}` + "q";\n  return a.length * 2.5 ?? null;\n}'
			],
			['python', '# note\n@dec\ndef f(a: int = 1) -> str:\n    return f"{a}" if a else None'],
			['bash', '# note\nexport A="x" && echo $A | grep -v "y" > /dev/null'],
			['json', '{ "a": [1, true, null, "s"] }'],
			['css', '/* note */ .a:hover > b { color: #fff !important; margin: 0 2px; }']
		];
		// The code block's own default backgrounds (code-block.svelte: light-dark(#f6f8fa, #151b23)).
		const backgrounds = ['#f6f8fa', '#151b23'];
		const highlighter = createCodeHighlighter();
		const failures: string[] = [];
		for (const [lang, code] of samples) {
			const html = (await highlighter.highlight(code, lang))!;
			for (const [, light, dark] of html.matchAll(
				/light-dark\((#[0-9a-f]{6}), (#[0-9a-f]{6})\)/gi
			)) {
				[light, dark].forEach((colour, scheme) => {
					const ratio = contrast(colour, backgrounds[scheme]);
					if (ratio < 4.5)
						failures.push(`${lang} ${colour} on ${backgrounds[scheme]}: ${ratio.toFixed(2)}`);
				});
			}
		}
		expect([...new Set(failures)]).toEqual([]);
	});
});

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
	const luminance = (hex: string) => {
		const [r, g, b] = [1, 3, 5].map((i) => {
			const c = parseInt(hex.slice(i, i + 2), 16) / 255;
			return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
		});
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	};
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}
