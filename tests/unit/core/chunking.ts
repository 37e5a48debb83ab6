// Ways to cut one input into chunks, so a streaming parser is tested on every kind of boundary.

import { seeded as seededRandom } from '../../../bench/seeded.js';

/** The benchmarks' seeded PRNG (mulberry32): the same seed gives the same splits, so failures reproduce. */
export { seededRandom };

/** The bytes of `parts`, one after another. */
export function concat(...parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}

/** `bytes` cut at `count` random points chosen by `random`. */
export function randomSplits(bytes: Uint8Array, random: () => number, count = 6): Uint8Array[] {
	const points = new Set<number>();
	for (let i = 0; i < count; i++) points.add(Math.floor(random() * (bytes.length + 1)));
	const sorted = [...points].sort((a, b) => a - b);
	const chunks: Uint8Array[] = [];
	let start = 0;
	for (const point of [...sorted, bytes.length]) {
		chunks.push(bytes.subarray(start, point));
		start = point;
	}
	return chunks;
}

/** Every way of feeding `input` the decoder tests use, each named for the failure message. */
export function feedings(
	input: string | Uint8Array,
	seeds = 8
): Array<[string, Array<string | Uint8Array>]> {
	const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
	const ways: Array<[string, Array<string | Uint8Array>]> = [
		['whole bytes', [bytes]],
		['byte by byte', Array.from(bytes, (_, i) => bytes.subarray(i, i + 1))]
	];
	if (typeof input === 'string') {
		ways.push(['whole string', [input]]);
		ways.push(['char by char', Array.from(input)]);
	}
	for (let seed = 1; seed <= seeds; seed++) {
		ways.push([`random splits, seed ${seed}`, randomSplits(bytes, seededRandom(seed))]);
	}
	return ways;
}
