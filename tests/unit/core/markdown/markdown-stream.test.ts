import { Lexer } from 'marked';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
	createMarkdownStream,
	type MarkdownSnapshot
} from '../../../../src/lib/core/markdown/markdown-stream.js';
import { renderMarkdown } from '../../../../src/lib/core/markdown/render.js';

const join = ({ settled, open }: MarkdownSnapshot) =>
	[...settled, ...open].map((block) => block.html).join('');

/** A deterministic pseudo-random chunker, so failures reproduce. */
function* chunks(text: string, seed: number): Generator<string> {
	let state = seed;
	let at = 0;
	while (at < text.length) {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		const size = 1 + (state % 7);
		at = Math.min(text.length, at + size);
		yield text.slice(0, at);
	}
}

const section = (n: number) =>
	`## Part ${n}\n\nSome **bold** text with \`code\` and a [link](https://example.com/${n}).\n\n` +
	`- item one\n- item *two*\n\n\`\`\`ts\nconst n = ${n};\n\`\`\`\n\n| a | b |\n| - | - |\n| ${n} | x |\n\n`;
const answer = Array.from({ length: 24 }, (_, n) => section(n)).join('') + 'The end.';

afterEach(() => vi.restoreAllMocks());

describe('createMarkdownStream', () => {
	test.each([1, 2, 3])(
		'every update equals renderMarkdown of the same prefix (seed %i)',
		(seed) => {
			const stream = createMarkdownStream();
			for (const prefix of chunks(answer, seed)) {
				expect(join(stream.update(prefix, true))).toBe(renderMarkdown(prefix, { streaming: true }));
			}
			expect(join(stream.update(answer, false))).toBe(renderMarkdown(answer));
		}
	);

	test('settled blocks keep their identity while tokens arrive', () => {
		const stream = createMarkdownStream();
		const seen = new Map<number, object>();
		for (const prefix of chunks(answer, 7)) {
			const { settled } = stream.update(prefix, true);
			for (const block of settled) {
				const before = seen.get(block.key);
				if (before) expect(block).toBe(before);
				else seen.set(block.key, block);
			}
		}
		expect(seen.size).toBeGreaterThan(50);
	});

	test('the settled array is the same object until a block settles', () => {
		const stream = createMarkdownStream();
		const first = stream.update('# Title\n\nSome text', true);
		const second = stream.update('# Title\n\nSome text that grows', true);
		expect(second.settled).toBe(first.settled);
		expect(second.open[0]).not.toBe(first.open[0]);
	});

	test('only the text after the settled blocks is lexed', () => {
		const lex = vi.spyOn(Lexer.prototype, 'lex');
		const stream = createMarkdownStream();
		let longest = 0;
		for (const prefix of chunks(answer, 11)) {
			lex.mockClear();
			stream.update(prefix, true);
			for (const [source] of lex.mock.calls) longest = Math.max(longest, source.length);
		}
		const longestBlock = Math.max(
			...renderMarkdown(answer)
				.split('\n\n')
				.map((b) => b.length)
		);
		expect(answer.length).toBeGreaterThan(3500);
		expect(longest).toBeLessThan(longestBlock + 120);
	});

	test('a reference definition arriving later re-renders the blocks that use it', () => {
		const stream = createMarkdownStream();
		const text = 'See [the guide][g].\n\nMore text.\n\n[g]: https://example.com/guide\n\nEnd.';
		for (const prefix of chunks(text, 5)) stream.update(prefix, true);
		const html = join(stream.update(text, false));
		expect(html).toBe(renderMarkdown(text));
		expect(html).toContain('<a href="https://example.com/guide"');
	});

	/** Streams `text` one character at a time, then ends it: the final html. */
	const streamed = (text: string) => {
		const stream = createMarkdownStream();
		for (let end = 1; end <= text.length; end++) stream.update(text.slice(0, end), true);
		return join(stream.update(text, false));
	};

	test.each([
		['a loose numbered list', '1. Step one\n\n2. Step two\n\n3. Step three\n'],
		[
			'a numbered list with a code block',
			'1. Install:\n\n   ```sh\n   npm i\n   ```\n\n2. Run it.'
		],
		['a list numbered with )', '1) a\n\n2) b\n\n10) c'],
		[
			'a definition at the very end',
			'See [the docs][docs] and ![chart][c].\n\nMore.\n\n[docs]: https://example.com/docs\n[c]: https://example.com/c.png'
		],
		[
			'a shortcut reference defined last',
			'See [docs].\n\n[docs]: https://example.com/docs "Docs"\n'
		]
	])('%s, streamed a character at a time, ends as renderMarkdown renders it', (_name, text) => {
		expect(streamed(text)).toBe(renderMarkdown(text));
	});

	test('ending twice with a definition last renders the blocks once, not at every call', () => {
		const stream = createMarkdownStream();
		const text = 'See [docs].\n\nMore.\n\n[docs]: https://example.com/docs';
		for (let end = 1; end <= text.length; end++) stream.update(text.slice(0, end), true);
		const first = stream.update(text, false);
		const second = stream.update(text, false);
		expect(second.settled).toBe(first.settled);
		expect(join(second)).toContain('href="https://example.com/docs"');
	});

	test('a definition still being typed links nothing yet: no premature or partial href', () => {
		const text = 'See [docs][d] now.\n\n[d]: https://example.com/docs "The docs"';
		const stream = createMarkdownStream();
		const start = text.indexOf('[d]:');
		for (let end = start; end <= text.length; end++) {
			const prefix = text.slice(0, end);
			for (const html of [
				join(stream.update(prefix, true)),
				renderMarkdown(prefix, { streaming: true })
			]) {
				expect(html, JSON.stringify(prefix)).not.toContain('href=');
			}
		}
		expect(join(stream.update(text, false))).toContain('href="https://example.com/docs"');
	});

	test('CRLF and CR line ends render like LF', () => {
		const stream = createMarkdownStream();
		const lf = '# A\n\n- b\n- c\n\nd';
		const crlf = lf.replace(/\n/g, '\r\n');
		for (const prefix of chunks(crlf, 3)) stream.update(prefix, true);
		expect(join(stream.update(crlf, false))).toBe(renderMarkdown(lf));
		expect(renderMarkdown(lf.replace(/\n/g, '\r'))).toBe(renderMarkdown(lf));
	});

	test('a source that is not an extension of the last one starts over', () => {
		const stream = createMarkdownStream();
		stream.update('# One\n\nfirst answer', false);
		const next = stream.update('Second answer\n\n- x', false);
		expect(join(next)).toBe(renderMarkdown('Second answer\n\n- x'));
		expect(next.settled.map((b) => b.key)).toEqual([0]);
	});

	test('code blocks carry their text and language', () => {
		const { settled, open } = createMarkdownStream().update(
			'```py title\nprint(1)\n```\n\nx',
			false
		);
		expect(settled[0].code).toEqual({ text: 'print(1)', lang: 'py' });
		expect(open[0].code).toBeUndefined();
	});
});
