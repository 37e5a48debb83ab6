import { expect, test } from 'vitest';
import { createMarkdownStream } from '../../../../src/lib/core/markdown/markdown-stream.js';
import { createBlockGrouper } from '../../../../src/lib/svelte/components/streaming-markdown/block-groups.js';

const paragraphs = (n: number) =>
	Array.from({ length: n }, (_, i) => `Paragraph ${i}.`).join('\n\n');

test('full groups are the same objects on every update; the live group holds the open blocks', () => {
	const stream = createMarkdownStream();
	const group = createBlockGrouper(4);
	const first = stream.update(paragraphs(10) + ' grow', true);
	const a = group(first.settled, first.open);
	expect(a.map((g) => [g.key, g.blocks.length, g.live])).toEqual([
		[0, 4, false],
		[1, 4, false],
		[2, 2, true]
	]);
	expect(a[2].blocks.at(-1)).toBe(first.open[0]);

	const second = stream.update(paragraphs(10) + ' growing', true);
	const b = group(second.settled, second.open);
	expect(b[0]).toBe(a[0]);
	expect(b[1]).toBe(a[1]);
	expect(b[2]).not.toBe(a[2]);

	// Two more blocks settle: the live group fills up under the same key and a new one starts.
	const third = stream.update(paragraphs(13), true);
	const c = group(third.settled, third.open);
	expect(c.map((g) => [g.key, g.blocks.length, g.live])).toEqual([
		[0, 4, false],
		[1, 4, false],
		[2, 4, false],
		[3, 1, true]
	]);
	expect(c[0]).toBe(a[0]);
});

test('a new answer starts new groups', () => {
	const group = createBlockGrouper(2);
	const one = createMarkdownStream().update(paragraphs(5), false);
	const before = group(one.settled, one.open);
	const two = createMarkdownStream().update(paragraphs(3), false);
	const after = group(two.settled, two.open);
	expect(after[0]).not.toBe(before[0]);
	expect(after.flatMap((g) => g.blocks)).toEqual([...two.settled, ...two.open]);
});

test('a group size that is not a positive integer is refused', () => {
	expect(() => createBlockGrouper(0)).toThrow(/positive integer, got 0/);
});
