import { afterEach, describe, expect, test, vi } from 'vitest';
import { backoffDelay, parseRetryAfter, wait } from '../../../../src/lib/core/transport/backoff.js';

describe('backoffDelay: exponential with full jitter, capped', () => {
	test('the ceiling doubles per attempt from the base', () => {
		const top = () => 0.999999;
		expect([1, 2, 3, 4].map((n) => backoffDelay(n, 100, 10_000, top))).toEqual([99, 199, 399, 799]);
	});
	test('the ceiling is capped at maxMs', () => {
		expect(backoffDelay(20, 100, 5000, () => 0.5)).toBe(2500);
	});
	test('full jitter: the delay spans 0 to the ceiling', () => {
		expect(backoffDelay(3, 100, 10_000, () => 0)).toBe(0);
		expect(backoffDelay(3, 100, 10_000, () => 0.25)).toBe(100);
	});
});

describe('parseRetryAfter', () => {
	test('delay-seconds', () => expect(parseRetryAfter(' 120 ')).toBe(120_000));
	test('an HTTP date', () => {
		const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
		expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', now)).toBe(30_000);
		expect(parseRetryAfter('Wed, 21 Oct 2026 07:27:00 GMT', now)).toBe(0);
	});
	test('missing or unreadable', () => {
		expect(parseRetryAfter(null)).toBeUndefined();
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter('-5')).toBeUndefined();
	});
});

describe('wait', () => {
	afterEach(() => vi.useRealTimers());
	test('resolves true after the delay, false at once on abort', async () => {
		vi.useFakeTimers();
		const done = wait(1000, undefined);
		await vi.advanceTimersByTimeAsync(1000);
		await expect(done).resolves.toBe(true);
		const controller = new AbortController();
		const cut = wait(1000, controller.signal);
		controller.abort();
		await expect(cut).resolves.toBe(false);
		expect(vi.getTimerCount()).toBe(0);
	});
});
