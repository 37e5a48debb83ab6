// A delay too long for a timer (Infinity included) must mean "never": setTimeout would run it
// after 1 ms, so an option like `idleTimeoutMs: Infinity` would end every stream at once.
import { describe, expect, test } from 'vitest';
import { MAX_TIMER_MS, setTimer } from '../../../src/lib/core/timer.js';
import { wait } from '../../../src/lib/core/transport/backoff.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('setTimer', () => {
	test('runs a delay a timer can hold, up to MAX_TIMER_MS', async () => {
		expect(MAX_TIMER_MS).toBe(2 ** 31 - 1);
		let ran = false;
		setTimer(() => (ran = true), 5);
		await sleep(40);
		expect(ran).toBe(true);
		const longest = setTimer(() => {}, MAX_TIMER_MS);
		expect(longest).toBeDefined();
		clearTimeout(longest);
	});

	test.each([Infinity, MAX_TIMER_MS + 1, 1e12])(
		'%s ms never runs and sets no timer',
		async (ms) => {
			let ran = false;
			expect(setTimer(() => (ran = true), ms)).toBeUndefined();
			await sleep(40); // setTimeout would have run it after 1 ms
			expect(ran).toBe(false);
		}
	);
});

describe('wait (the reconnect back-off)', () => {
	test('an endless delay waits until the signal aborts, never returning early', async () => {
		const controller = new AbortController();
		let settled: boolean | undefined;
		const done = wait(Infinity, controller.signal).then((value) => (settled = value));
		await sleep(40);
		expect(settled).toBeUndefined();
		controller.abort();
		await done;
		expect(settled).toBe(false);
	});
});
