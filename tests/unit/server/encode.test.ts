import { describe, expect, test } from 'vitest';
import { createSSEDecoder, type SSEEvent } from '../../../src/lib/core/sse/decode.js';
import { encodeSSE, type SSEMessage } from '../../../src/lib/server/encode.js';

/** A small seeded PRNG (mulberry32), so a failing case can be replayed from its seed. */
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

// Pieces chosen for what breaks SSE framing: every line-break kind, the field separator, the one
// space the decoder strips, a BOM (stripped only at stream start), NUL, U+2028/9, astral characters.
const PIECES = [
	'\n',
	'\r',
	'\r\n',
	'\n\n',
	'\r\r',
	' ',
	'  ',
	':',
	'data:',
	'id: 3',
	'event: x',
	'\uFEFF',
	'\u0000',
	'\u2028',
	'\u2029',
	'😀',
	'👩‍👩‍👧',
	'é',
	'漢字',
	'\t',
	'a',
	'hello world',
	''
];

function randomString(next: () => number): string {
	const length = Math.floor(next() * 12);
	let out = '';
	for (let i = 0; i < length; i++) {
		if (next() < 0.15) {
			// Any code point from the BMP and beyond, but no lone surrogate: those are not Unicode
			// scalar values, UTF-8 cannot carry them, so no SSE stream can.
			const code = 0x20 + Math.floor(next() * 0x2ffd0);
			out += String.fromCodePoint(code >= 0xd800 && code <= 0xdfff ? 0xfffd : code);
		} else out += PIECES[Math.floor(next() * PIECES.length)];
	}
	return out;
}

/** Decodes a whole stream fed as UTF-8 bytes cut at random places (inside characters too). */
function decodeInPieces(wire: string, next: () => number): SSEEvent[] {
	const events: SSEEvent[] = [];
	const decoder = createSSEDecoder({ onEvent: (event) => events.push(event) });
	const bytes = new TextEncoder().encode(wire);
	for (let at = 0; at < bytes.length;) {
		const size = 1 + Math.floor(next() * 7);
		decoder.push(bytes.subarray(at, at + size));
		at += size;
	}
	decoder.end();
	return events;
}

const asLF = (text: string) => text.replace(/\r\n|\r/g, '\n');

describe('encodeSSE round-trips through the kit decoder', () => {
	test('2000 random strings of data come back identical, CR and CRLF as LF', () => {
		const next = random(20261125);
		for (let round = 0; round < 200; round++) {
			const messages: SSEMessage[] = Array.from({ length: 10 }, () => ({
				data: randomString(next)
			}));
			const wire = messages.map(encodeSSE).join('');
			const decoded = decodeInPieces(wire, next);
			expect(decoded.map((e) => e.data)).toEqual(messages.map((m) => asLF(m.data)));
		}
	});

	test('random single-line event types and ids survive exactly', () => {
		const next = random(7);
		for (let round = 0; round < 300; round++) {
			const event = randomString(next).replace(/[\r\n]/g, '') || 'x';
			const id = randomString(next)
				.replace(/[\r\n]/g, '')
				.replaceAll('\u0000', '');
			const data = randomString(next);
			const [decoded] = decodeInPieces(encodeSSE({ event, id, data }), next);
			// The decoder strips one leading space of a value, and encodeSSE puts one after the colon.
			expect(decoded).toEqual({ event, id, data: asLF(data) });
		}
	});

	test.each([
		['empty string', '', ''],
		['a leading space', ' lead', ' lead'],
		['two leading spaces', '  two', '  two'],
		['a trailing newline', 'end\n', 'end\n'],
		['only newlines', '\n\n', '\n\n'],
		['CRLF', 'a\r\nb', 'a\nb'],
		['a lone CR', 'a\rb', 'a\nb'],
		['a trailing CR', 'a\r', 'a\n'],
		['U+2028 and U+2029 (not SSE line breaks)', 'a\u2028b\u2029c', 'a\u2028b\u2029c'],
		['NUL', 'a\u0000b', 'a\u0000b'],
		['emoji', '😀 👩‍👩‍👧', '😀 👩‍👩‍👧'],
		['a colon first', ':not a comment', ':not a comment']
	])('%s', (_name, data, expected) => {
		const decoded = decodeInPieces(encodeSSE({ data }), random(1));
		expect(decoded).toEqual([{ event: 'message', data: expected, id: '' }]);
	});
});

describe('encodeSSE wire format', () => {
	test('writes event, id and retry before the data lines', () => {
		expect(encodeSSE({ event: 'done', id: '7', retry: 1500.7, data: 'a\nb' })).toBe(
			'event: done\nid: 7\nretry: 1500\ndata: a\ndata: b\n\n'
		);
	});

	test.each([
		['event', { data: '', event: 'a\nb' }, /`event` must be one line/],
		['event with CR', { data: '', event: 'a\rb' }, /`event` must be one line/],
		['id', { data: '', id: 'a\r\nb' }, /`id` must be one line/],
		['id with NUL', { data: '', id: 'a\u0000b' }, /`id` must not contain U\+0000/],
		['retry negative', { data: '', retry: -1 }, /`retry` must be a whole number/],
		['retry NaN', { data: '', retry: Number.NaN }, /`retry`/],
		// These would print as `1e+21` / `Infinity`, which a decoder ignores (not all digits).
		['retry in exponent form', { data: '', retry: 1e21 }, /`retry` must be a whole number/],
		['retry Infinity', { data: '', retry: Infinity }, /`retry`/],
		['data not a string', { data: 42 as unknown as string }, /`data` must be a string/]
	])('rejects a bad %s with a TypeError naming the field', (_name, message, pattern) => {
		expect(() => encodeSSE(message as SSEMessage)).toThrow(TypeError);
		expect(() => encodeSSE(message as SSEMessage)).toThrow(pattern);
	});
});
