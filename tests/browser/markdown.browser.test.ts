import { flushSync } from 'svelte';
import { describe, expect, test, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import StreamingMarkdown from '../../src/lib/svelte/components/streaming-markdown/streaming-markdown.svelte';

const code = [
	'export async function load({ fetch }) {',
	'\tconst response = await fetch("/api/answers?limit=20");',
	'\tif (!response.ok) throw new Error(`status ${response.status}`);',
	'\treturn { answers: await response.json() }; // a long line that has to scroll sideways in a narrow column',
	'}'
].join('\n');

const rect = (element: Element) => {
	const { x, y, width, height } = element.getBoundingClientRect();
	return { x, y, width, height };
};

describe('StreamingMarkdown in Chromium', () => {
	test('highlighting lands without moving anything', async () => {
		const screen = await render(StreamingMarkdown, {
			source: `Intro paragraph.\n\n\`\`\`ts\n${code}\n\`\`\`\n\nAfter the code.`,
			style: 'width: 420px'
		});
		const root = screen.container.querySelector<HTMLElement>('[data-llm-markdown]')!;
		const pre = root.querySelector('pre')!;
		const after = [...root.querySelectorAll('p')].at(-1)!;
		expect(pre.querySelector('span[style]')).toBeNull();
		const before = {
			root: rect(root),
			pre: rect(pre),
			after: rect(after),
			scroll: pre.scrollWidth
		};

		await vi.waitFor(() => expect(pre.querySelector('span[style^="color:"]')).not.toBeNull(), {
			timeout: 15_000
		});
		expect(pre.querySelectorAll('span[style^="color:"]').length).toBeGreaterThan(10);
		expect(pre.textContent).toBe(`${code}\n`);
		expect({
			root: rect(root),
			pre: rect(pre),
			after: rect(after),
			scroll: pre.scrollWidth
		}).toEqual(before);
	});

	test('the caret sits on the last line of the text while streaming', async () => {
		const screen = await render(StreamingMarkdown, {
			source:
				'A paragraph that is long enough to wrap onto a second line in a narrow box, **then bo',
			streaming: true,
			style: 'width: 240px'
		});
		const p = screen.container.querySelector('p')!;
		const caret = screen.container.querySelector('[data-llm-caret]')!;
		const strong = p.querySelector('strong')!;
		expect(strong.textContent).toBe('then bo');
		expect(caret.parentElement).toBe(strong);
		const caretBox = caret.getBoundingClientRect();
		const text = document.createRange();
		text.selectNodeContents(strong.firstChild!);
		const lines = text.getClientRects();
		const lastLine = lines[lines.length - 1];
		expect(p.getClientRects().length).toBeGreaterThan(0);
		expect(caretBox.width).toBeGreaterThan(0);
		expect(Math.abs(caretBox.bottom - lastLine.bottom)).toBeLessThan(lastLine.height);
		expect(caretBox.left).toBeGreaterThanOrEqual(lastLine.right - 1);
	});

	test('finished blocks keep their nodes while the answer streams in', async () => {
		const screen = await render(StreamingMarkdown, {
			source: '# Title\n\nFirst.\n\nSec',
			streaming: true
		});
		const root = screen.container.querySelector('[data-llm-markdown]')!;
		const heading = root.querySelector('h1')!;
		const first = root.querySelectorAll('p')[0];
		let source = '# Title\n\nFirst.\n\nSec';
		for (const more of ['ond', ' paragraph', ' grows.\n\n- a', '\n- b']) {
			source += more;
			await screen.rerender({ source, streaming: true });
			flushSync();
			expect(root.querySelector('h1')).toBe(heading);
			expect(root.querySelectorAll('p')[0]).toBe(first);
		}
		expect(root.querySelector('li')).not.toBeNull();
	});
});
