// The decoder's fast paths (a lone `data:` line dispatched in place, a data line cut by a chunk
// boundary) must agree with the plain reading of the specification on any stream, cut anywhere.
// A small reference decoder written straight from the spec's steps is the oracle.
import { describe, expect, test } from 'vitest';
import { createSSEDecoder, type SSEEvent } from '../../../../src/lib/core/sse/decode.js';
import { randomSplits, seededRandom } from '../chunking.js';

/** The WHATWG steps, one whole string at a time, with no attempt at speed. */
function referenceDecode(input: string) {
	const events: SSEEvent[] = [];
	let text = input.startsWith('\uFEFF') ? input.slice(1) : input;
	// Lines are only those that end; an unterminated last line is discarded.
	const lines: string[] = [];
	const lineEnd = /\r\n|\r|\n/g;
	let start = 0;
	for (let match = lineEnd.exec(text); match; match = lineEnd.exec(text)) {
		lines.push(text.slice(start, match.index));
		start = match.index + match[0].length;
	}
	text = '';
	let data = '';
	let type = '';
	let idBuffer = '';
	let lastEventId = '';
	let retry: number | null = null;
	for (const line of lines) {
		if (line === '') {
			lastEventId = idBuffer;
			if (data === '') {
				type = '';
				continue;
			}
			if (data.endsWith('\n')) data = data.slice(0, -1);
			events.push({ event: type || 'message', data, id: lastEventId });
			data = '';
			type = '';
			continue;
		}
		if (line.startsWith(':')) continue;
		const colon = line.indexOf(':');
		const field = colon === -1 ? line : line.slice(0, colon);
		let value = colon === -1 ? '' : line.slice(colon + 1);
		if (value.startsWith(' ')) value = value.slice(1);
		if (field === 'data') data += value + '\n';
		else if (field === 'event') type = value;
		else if (field === 'id' && !value.includes('\u0000')) idBuffer = value;
		else if (field === 'retry' && /^[0-9]+$/.test(value)) retry = Number(value);
	}
	return { events, lastEventId, retry };
}

/** A random stream made of every kind of line, with every kind of line end. */
function randomStream(random: () => number): string {
	const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
	const values = [
		'',
		'x',
		' two spaces',
		'{"a":1}',
		'déjà 東京 🙂',
		'a:b',
		'data: nested',
		'\u0000'
	];
	const ends = ['\n', '\n', '\n', '\r\n', '\r'];
	let out = random() < 0.2 ? '\uFEFF' : '';
	const lines = 5 + Math.floor(random() * 40);
	for (let i = 0; i < lines; i++) {
		const kind = random();
		let line: string;
		if (kind < 0.45) line = `data${pick([': ', ':', ''])}${pick(values)}`;
		else if (kind < 0.6) line = '';
		else if (kind < 0.68) line = `event:${pick(['', ' update', 'done'])}`;
		else if (kind < 0.76) line = `id: ${pick(['1', '', '7\u00008', 'abc'])}`;
		else if (kind < 0.82) line = `retry: ${pick(['100', '5x', ''])}`;
		else if (kind < 0.9) line = `: ${pick(values)}`;
		else line = `${pick(['dat', 'datax', 'ID', 'other'])}: ${pick(values)}`;
		out += line + pick(ends);
		// A lone `data:` line and a blank line, the shape the fast path takes.
		if (random() < 0.3) out += `data: ${pick(values)}\n\n`;
	}
	if (random() < 0.5) out += 'data: unterminated';
	return out;
}

function decodeChunks(chunks: Uint8Array[]) {
	const events: SSEEvent[] = [];
	const decoder = createSSEDecoder({ onEvent: (e) => events.push(e) });
	for (const chunk of chunks) decoder.push(chunk);
	decoder.end();
	return { events, lastEventId: decoder.lastEventId, retry: decoder.retry };
}

describe('createSSEDecoder agrees with a reference reading of the specification', () => {
	test('on 400 random streams, whole, byte by byte and cut at random points', () => {
		const random = seededRandom(2026);
		let compared = 0;
		let firstMismatch: unknown;
		for (let run = 0; run < 400; run++) {
			const stream = randomStream(random);
			const expected = referenceDecode(stream);
			const bytes = new TextEncoder().encode(stream);
			const feedings = [
				[bytes],
				Array.from(bytes, (_, i) => bytes.subarray(i, i + 1)),
				randomSplits(bytes, random, 3),
				randomSplits(bytes, random, 12)
			];
			for (const chunks of feedings) {
				const actual = decodeChunks(chunks);
				compared++;
				if (firstMismatch === undefined && JSON.stringify(actual) !== JSON.stringify(expected)) {
					// The failing stream and its cut points, so the case can be replayed.
					firstMismatch = { stream, cuts: chunks.map((c) => c.length), actual, expected };
				}
			}
		}
		expect(firstMismatch).toBeUndefined();
		expect(compared).toBe(1600);
	});

	test('the reference itself sees the fast-path shape and the general one alike', () => {
		expect(referenceDecode('data: a\n\nid: 3\ndata: b\ndata: c\r\n\r').events).toEqual([
			{ event: 'message', data: 'a', id: '' },
			{ event: 'message', data: 'b\nc', id: '3' }
		]);
	});
});
