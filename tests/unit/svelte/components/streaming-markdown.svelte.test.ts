import { render, screen } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { renderMarkdown } from '../../../../src/lib/core/markdown/render.js';
import CodeBlock from '../../../../src/lib/svelte/components/streaming-markdown/code-block.svelte';
import type { CodeHighlighter } from '../../../../src/lib/svelte/components/streaming-markdown/highlighter.js';
import StreamingMarkdown from '../../../../src/lib/svelte/components/streaming-markdown/streaming-markdown.svelte';

const answer =
	'# Plan\n\nFirst **read** the [guide](https://example.com/guide).\n\n- one\n- two\n\n' +
	'> quoted *text*\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\nThen a long closing paragraph that keeps growing ' +
	'with more and more words until the answer is done.';

const blocks = (container: HTMLElement) => [
	...container.querySelectorAll<HTMLElement>('[data-llm-block]')
];

afterEach(() => vi.useRealTimers());

describe('StreamingMarkdown', () => {
	test('finished blocks keep their DOM nodes and are never mutated while tokens arrive', () => {
		const cut = answer.indexOf('Then');
		const { container, rerender } = render(StreamingMarkdown, {
			source: answer.slice(0, cut + 4),
			streaming: true
		});
		const before = blocks(container);
		const finished = before.slice(0, -1);
		const nodes = finished.map((block) => [...block.childNodes]);
		expect(finished.length).toBe(5);

		const mutations: MutationRecord[] = [];
		const observer = new MutationObserver((records) => mutations.push(...records));
		for (const block of finished) {
			observer.observe(block, {
				childList: true,
				subtree: true,
				characterData: true,
				attributes: true
			});
		}
		for (let end = cut + 5; end <= answer.length; end++) {
			rerender({ source: answer.slice(0, end), streaming: true });
			flushSync();
		}
		mutations.push(...observer.takeRecords());
		observer.disconnect();

		const after = blocks(container);
		expect(after.slice(0, finished.length)).toEqual(finished);
		for (const [i, block] of finished.entries()) {
			expect(after[i]).toBe(block);
			expect([...block.childNodes]).toEqual(nodes[i]);
			nodes[i].forEach((node, j) => expect(block.childNodes[j]).toBe(node));
		}
		expect(mutations).toEqual([]);
		expect(after.at(-1)!.textContent).toContain('until the answer is done.');
	});

	test('a block that settles keeps the DOM it had while open', () => {
		const { container, rerender } = render(StreamingMarkdown, {
			source: 'Intro.\n\n```js\nlet a = 1',
			streaming: true,
			codeTheme: false
		});
		const code = container.querySelector('[data-llm-code]')!;
		const intro = container.querySelector('p')!;
		rerender({
			source: 'Intro.\n\n```js\nlet a = 1;\n```\n\nAfter',
			streaming: true,
			codeTheme: false
		});
		flushSync();
		expect(container.querySelector('[data-llm-code]')).toBe(code);
		expect(container.querySelector('p')).toBe(intro);
		expect(code.textContent).toContain('let a = 1;');
		expect(container.querySelectorAll('p')[1]).toHaveTextContent('After');
	});

	test('renders exactly what renderMarkdown returns, block by block, at every prefix', () => {
		const { container, rerender } = render(StreamingMarkdown, {
			source: '',
			streaming: true,
			caret: false
		});
		for (let end = 1; end <= answer.length; end += 3) {
			const prefix = answer.slice(0, end);
			rerender({ source: prefix, streaming: true, caret: false });
			flushSync();
			const shown = blocks(container)
				.map((block) => block.innerHTML)
				.join('');
			expect(shown).toBe(renderMarkdown(prefix, { streaming: true }));
		}
		rerender({ source: answer, streaming: false, caret: false });
		flushSync();
		expect(
			blocks(container)
				.map((b) => b.innerHTML)
				.join('')
		).toBe(renderMarkdown(answer));
	});

	test('the caret follows the last text while streaming and is gone when done', () => {
		const { container, rerender } = render(StreamingMarkdown, {
			source: '- one\n- tw',
			streaming: true
		});
		const caret = () => container.querySelector('[data-llm-caret]');
		expect(caret()?.parentElement?.tagName).toBe('LI');
		expect(caret()?.previousSibling?.textContent).toBe('tw');
		expect(caret()).toHaveAttribute('aria-hidden', 'true');

		rerender({ source: '- one\n- two', streaming: false });
		flushSync();
		expect(caret()).toBeNull();
	});

	test('the caret is never inside a code block or a table', () => {
		const { container, rerender } = render(StreamingMarkdown, {
			source: '```js\nconst a',
			streaming: true,
			codeTheme: false
		});
		const caret = () => container.querySelector('[data-llm-caret]')!;
		expect(caret()).not.toBeNull();
		expect(caret().closest('pre, [data-llm-code]')).toBeNull();

		rerender({ source: '| a |\n| - |\n| 1 |\n', streaming: true, codeTheme: false });
		flushSync();
		expect(caret()).not.toBeNull();
		expect(caret().closest('table')).toBeNull();
	});

	test('passes class and attributes to the root and marks it', () => {
		const { container } = render(StreamingMarkdown, {
			source: 'hi',
			class: 'answer',
			id: 'a1',
			'aria-label': 'Answer'
		});
		const root = container.querySelector('[data-llm-markdown]')!;
		expect(root).toHaveClass('answer', 'llm-markdown');
		expect(root).toHaveAttribute('id', 'a1');
		expect(root).toHaveAttribute('aria-label', 'Answer');
	});

	test('links and images policies are applied', () => {
		const { container } = render(StreamingMarkdown, {
			source: '[a](http://x.example) [b](https://x.example) ![c](https://img.example/c.png)',
			links: { protocols: ['https:'] },
			images: false
		});
		const anchors = container.querySelectorAll('a');
		expect(anchors).toHaveLength(1);
		expect(anchors[0]).toHaveAttribute('href', 'https://x.example');
		expect(container.querySelector('img')).toBeNull();
		expect(container.textContent).toContain('c');
	});

	test('a code component replaces the built-in code block', async () => {
		const { default: Custom } = await import('./streaming-markdown-custom-code.svelte');
		const { container } = render(StreamingMarkdown, {
			source: '```py\nprint(1)\n```\n',
			components: { code: Custom }
		});
		expect(container.querySelector('[data-custom-code]')).toHaveTextContent('py: print(1)');
		expect(container.querySelector('[data-llm-copy]')).toBeNull();
	});
});

describe('CodeBlock', () => {
	test('shows the language and copies, announcing "Copied", then resets', async () => {
		vi.useFakeTimers();
		const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
		// After setup: user-event installs its own clipboard stub.
		const writeText = vi.fn(async () => {});
		Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
		const { container } = render(CodeBlock, { code: 'npm test', lang: 'sh', highlighter: null });
		expect(container.querySelector('[data-llm-code-lang]')).toHaveTextContent('sh');
		expect(container.querySelector('code')).toHaveClass('language-sh');

		await user.click(screen.getByRole('button', { name: 'Copy' }));
		expect(writeText).toHaveBeenCalledWith('npm test');
		expect(screen.getByRole('status')).toHaveTextContent('Copied');

		await vi.advanceTimersByTimeAsync(2000);
		expect(screen.getByRole('status')).toHaveTextContent('');
		expect(screen.getByRole('button')).toHaveTextContent('Copy');
	});

	test('a growing block is highlighted only after a whole idle frame; the text never changes', async () => {
		const frames: Array<() => void> = [];
		const schedule = (run: () => void) => {
			frames.push(run);
			return () => frames.splice(frames.indexOf(run) >>> 0, 1);
		};
		const highlight = vi.fn(async (code: string) => `<span style="color:#d73a49">${code}</span>`);
		const highlighter: CodeHighlighter = { highlight, cached: () => undefined };
		const { container, rerender } = render(CodeBlock, {
			code: 'let a',
			lang: 'js',
			growing: true,
			highlighter,
			schedule
		});
		// A token in every frame: the pending highlight is cancelled each time.
		for (const code of ['let a =', 'let a = 1', 'let a = 1;']) {
			frames.shift()?.();
			rerender({ code, lang: 'js', growing: true, highlighter, schedule });
			flushSync();
		}
		expect(highlight).not.toHaveBeenCalled();

		frames.shift()!();
		frames.shift()!();
		await vi.waitFor(() => expect(highlight).toHaveBeenCalledWith('let a = 1;', 'js'));
		await vi.waitFor(() => expect(container.querySelector('code span')).not.toBeNull());
		expect(container.querySelector('code')!.textContent).toBe('let a = 1;\n');

		// More text arrives: colours stay on the highlighted part, the new text shows plain at once.
		rerender({ code: 'let a = 1;\nlet b', lang: 'js', growing: true, highlighter, schedule });
		flushSync();
		expect(container.querySelector('code span')).not.toBeNull();
		expect(container.querySelector('code')!.textContent).toBe('let a = 1;\nlet b\n');
	});

	test('a finished block is highlighted by shiki without changing its text', async () => {
		const { container } = render(StreamingMarkdown, {
			source: '```js\nconst answer = 42;\n```\n'
		});
		const code = () => container.querySelector('pre code')!;
		expect(code().textContent).toBe('const answer = 42;\n');
		await vi.waitFor(() => expect(code().querySelector('span[style^="color:"]')).not.toBeNull(), {
			timeout: 10_000
		});
		expect(code().textContent).toBe('const answer = 42;\n');
	});
});
