import { expect, test } from 'vitest';
import { createRateLimitWindow } from '../../../src/routes/api/chat/rate-limit.js';

test('refuses the first request and early retries, lets the first one after the window through', () => {
	const limit = createRateLimitWindow(1000);
	expect(limit.check('a', 10_000)).toBe(1000);
	expect(limit.check('a', 10_400)).toBe(600);
	expect(limit.check('b', 10_400)).toBe(1000); // another conversation has its own window
	expect(limit.check('a', 11_000)).toBe(0);
	// The window closed with that success: the next conversation turn is limited again.
	expect(limit.check('a', 11_001)).toBe(1000);
});

test('keeps at most maxKeys windows, dropping the oldest', () => {
	const limit = createRateLimitWindow(1000, 2);
	limit.check('a', 0);
	limit.check('b', 0);
	limit.check('c', 0); // drops "a"
	expect(limit.check('b', 500)).toBe(500);
	expect(limit.check('a', 500)).toBe(1000);
});
