// The SSE decoder's chunk decoder: all-ASCII chunks may skip Node's streaming TextDecoder, and that
// must never change a character, however the bytes are cut or however broken they are.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createChunkDecoder } from '../../../../src/lib/core/sse/utf8.js';
import { concat, randomSplits, seededRandom } from '../chunking.js';

const encode = (text: string) => new TextEncoder().encode(text);

/** ASCII runs long enough to fill whole chunks, between multi-byte and invalid sequences. */
const SEGMENTS: Uint8Array[] = [
	encode(
		'data: {"choices":[{"delta":{"content":" plain ascii text, long enough"}}]}\n\n'.repeat(3)
	),
	encode('déjà vu — 東京 🙂'),
	Uint8Array.of(0xc3), // a lead byte with no continuation
	Uint8Array.of(0xa9, 0x80), // lone continuation bytes
	Uint8Array.of(0xf0, 0x9f, 0x99), // a truncated 4-byte sequence
	Uint8Array.of(0xed, 0xa0, 0x80), // an encoded surrogate
	Uint8Array.of(0xef, 0xbb, 0xbf), // a BOM in the middle
	encode('x')
];

/** What the platform's own streaming decoder makes of the same bytes, read whole. */
const expected = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

function decodeAll(chunks: Uint8Array[]) {
	const decoder = createChunkDecoder();
	return chunks.map((chunk) => decoder.decode(chunk)).join('') + decoder.flush();
}

/** Counts the streaming decode calls, the road every non-ASCII chunk must take. */
function countStreamingCalls() {
	const decode = vi.spyOn(TextDecoder.prototype, 'decode');
	return () => decode.mock.calls.filter(([, options]) => options?.stream === true).length;
}

afterEach(() => vi.restoreAllMocks());

describe('createChunkDecoder', () => {
	test('gives the same text as TextDecoder for mixed and broken UTF-8 cut at random points', () => {
		const random = seededRandom(11);
		for (let run = 0; run < 300; run++) {
			const parts = Array.from(
				{ length: 2 + Math.floor(random() * 8) },
				() => SEGMENTS[Math.floor(random() * SEGMENTS.length)]
			);
			const bytes = concat(...parts);
			const chunks = randomSplits(bytes, random, 1 + Math.floor(random() * 12));
			expect(decodeAll(chunks), `run ${run}`).toBe(expected(bytes));
		}
	});

	test('byte by byte, every character and every replacement comes out once', () => {
		const bytes = concat(...SEGMENTS, ...SEGMENTS.slice().reverse());
		const chunks = Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
		expect(decodeAll(chunks)).toBe(expected(bytes));
	});

	test('an incomplete character at the very end becomes U+FFFD on flush, once', () => {
		const decoder = createChunkDecoder();
		expect(decoder.decode(encode('ok '))).toBe('ok ');
		expect(decoder.decode(Uint8Array.of(0xe6, 0x9d))).toBe('');
		expect(decoder.flush()).toBe('\uFFFD');
	});

	test('an ASCII chunk after a split character completes or replaces it, never drops it', () => {
		const split = createChunkDecoder();
		expect(split.decode(Uint8Array.of(0x61, 0xc3))).toBe('a');
		expect(split.decode(Uint8Array.of(0xa9, 0x62))).toBe('éb');
		const broken = createChunkDecoder();
		expect(broken.decode(Uint8Array.of(0x61, 0xc3))).toBe('a');
		expect(broken.decode(encode('bc'))).toBe('\uFFFDbc');
	});

	test.runIf(typeof process.getBuiltinModule === 'function')(
		'in Node, all-ASCII chunks skip the streaming decoder; one after a split character does not',
		() => {
			const streamingCalls = countStreamingCalls();
			const decoder = createChunkDecoder();
			for (let i = 0; i < 5; i++) decoder.decode(encode(`data: ${i}\n\n`));
			expect(streamingCalls()).toBe(0);
			decoder.decode(Uint8Array.of(0x61, 0xe6)); // ends inside a character
			decoder.decode(encode('plain'));
			expect(streamingCalls()).toBe(2);
		}
	);

	test.runIf(typeof process.getBuiltinModule === 'function')(
		'after a chunk dense with non-ASCII text, the next is not checked; a sparse one resumes checking',
		() => {
			const decoder = createChunkDecoder();
			const streamingCalls = countStreamingCalls();
			decoder.decode(encode('東京 '.repeat(400))); // dense: no ASCII chunk expected next
			decoder.decode(encode('a'.repeat(2048))); // ASCII, but not checked
			expect(streamingCalls()).toBe(2);
			decoder.decode(encode('a'.repeat(2048))); // the last one was ASCII-only: checked again
			expect(streamingCalls()).toBe(2);
			decoder.decode(encode(`${'a'.repeat(4096)}’.`)); // one typographic character: sparse
			decoder.decode(encode('a'.repeat(2048)));
			expect(streamingCalls()).toBe(3);
		}
	);

	test('without Node’s isAscii (browsers, workers) every chunk streams, with the same text', async () => {
		vi.resetModules();
		vi.stubGlobal('process', { ...process, getBuiltinModule: undefined });
		try {
			const { createChunkDecoder: createPortable } =
				await import('../../../../src/lib/core/sse/utf8.js');
			const streamingCalls = countStreamingCalls();
			const decoder = createPortable();
			const bytes = concat(...SEGMENTS);
			const chunks = randomSplits(bytes, seededRandom(3), 5).filter((c) => c.length > 0);
			const text = chunks.map((chunk) => decoder.decode(chunk)).join('') + decoder.flush();
			expect(text).toBe(expected(bytes));
			expect(streamingCalls()).toBe(chunks.length);
		} finally {
			vi.unstubAllGlobals();
			vi.resetModules();
		}
	});
});
