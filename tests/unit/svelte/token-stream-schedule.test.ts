// The framework-free pieces under the store: the frame batcher and the smooth reveal.
import { describe, expect, test } from 'vitest';
import { createFrameBatcher, type Schedule } from '../../../src/lib/core/schedule/frame-batcher.js';
import { createSmoothReveal, safeCutIndex } from '../../../src/lib/core/schedule/smooth-reveal.js';

function manualSchedule() {
	const queue: Array<() => void> = [];
	let cancelled = 0;
	const schedule: Schedule = (run) => {
		queue.push(run);
		return () => {
			cancelled++;
			queue.splice(queue.indexOf(run), 1);
		};
	};
	return { schedule, queue, cancelled: () => cancelled };
}

describe('createFrameBatcher', () => {
	test('many requests within a frame schedule one flush', () => {
		const frames = manualSchedule();
		let flushes = 0;
		const batcher = createFrameBatcher(() => flushes++, frames.schedule);
		for (let i = 0; i < 1000; i++) batcher.request();
		expect(frames.queue).toHaveLength(1);
		frames.queue.shift()!();
		expect(flushes).toBe(1);
		batcher.request();
		expect(frames.queue).toHaveLength(1);
	});

	test('flushNow runs a pending flush at once and cancels its frame; dispose drops it', () => {
		const frames = manualSchedule();
		let flushes = 0;
		const batcher = createFrameBatcher(() => flushes++, frames.schedule);
		batcher.flushNow();
		expect(flushes).toBe(0);
		batcher.request();
		batcher.flushNow();
		expect(flushes).toBe(1);
		expect(frames.queue).toHaveLength(0);
		batcher.request();
		batcher.dispose();
		expect(frames.queue).toHaveLength(0);
		expect(flushes).toBe(1);
		expect(frames.cancelled()).toBe(2);
	});
});

/** A seeded PRNG, so the random arrival pattern is the same on every run. */
function mulberry32(seed: number) {
	return () => {
		seed |= 0;
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const FRAME = 1000 / 60;

describe('createSmoothReveal', () => {
	test('bursty arrivals: monotonic, never past what arrived, never more than maxLagMs behind', () => {
		const maxLagMs = 150;
		const pace = createSmoothReveal({ maxLagMs });
		const random = mulberry32(7);
		const arrivals: Array<{ at: number; length: number }> = [];
		let length = 0;
		let nextArrival = 0;
		let shown = 0;
		for (let now = 0; now < 5000; now += FRAME) {
			while (nextArrival <= now) {
				length += 1 + Math.floor(random() * 80); // bursts of 1–80 characters
				arrivals.push({ at: nextArrival, length });
				pace.arrive(length, nextArrival);
				nextArrival += random() < 0.2 ? 400 * random() : 5 * random(); // stalls and floods
			}
			const next = pace.reveal(now);
			expect(next).toBeGreaterThanOrEqual(shown);
			expect(next).toBeLessThanOrEqual(length);
			const due = arrivals.filter((a) => a.at <= now - maxLagMs).at(-1)?.length ?? 0;
			expect(next).toBeGreaterThanOrEqual(due);
			shown = next;
		}
		expect(pace.flush()).toBe(length);
		expect(pace.backlog).toBe(0);
	});

	test('regular bursts are revealed evenly: no frame between bursts stands still', () => {
		const pace = createSmoothReveal({ maxLagMs: 300 });
		const steps: number[] = [];
		let length = 0;
		let shown = 0;
		for (let frame = 0; frame < 240; frame++) {
			const now = frame * FRAME;
			if (frame % 12 === 0) pace.arrive((length += 60), now); // 60 characters every 200 ms
			const next = pace.reveal(now);
			if (frame >= 60) steps.push(next - shown); // after a second of warm-up
			shown = next;
		}
		expect(Math.min(...steps)).toBeGreaterThan(0);
		// Shown all at once, a burst would be one 60-character step and eleven empty frames.
		expect(Math.max(...steps)).toBeLessThan(30);
	});

	test('a single burst is spread over frames instead of shown at once', () => {
		const pace = createSmoothReveal({ maxLagMs: 250 });
		pace.arrive(400, 0);
		const first = pace.reveal(0);
		expect(first).toBeGreaterThan(0);
		expect(first).toBeLessThan(400);
		expect(pace.reveal(250)).toBe(400);
	});

	test('rejects a maxLagMs that is not a positive number', () => {
		expect(() => createSmoothReveal({ maxLagMs: 0 })).toThrow(/maxLagMs must be a positive/);
		expect(() => createSmoothReveal({ maxLagMs: Number.NaN })).toThrow(TypeError);
	});
});

describe('safeCutIndex', () => {
	test('never cuts a surrogate pair in half', () => {
		const text = 'a😀b';
		expect(safeCutIndex(text, 2)).toBe(1);
		expect(safeCutIndex(text, 3)).toBe(3);
		expect(safeCutIndex(text, 1)).toBe(1);
		expect(safeCutIndex(text, 99)).toBe(text.length);
		expect(safeCutIndex(text, -1)).toBe(0);
	});
});
