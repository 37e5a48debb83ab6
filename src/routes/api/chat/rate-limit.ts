/**
 * The `status:429` fault behaves like a real rate limiter: the first request of a conversation opens
 * a window of `windowMs` and is refused with `Retry-After`; requests inside the window are refused
 * with the time left; the first one after it goes through (and closes the window). A client that
 * honours `Retry-After` therefore succeeds on its retry, and one that retries early is refused again.
 */
export interface RateLimitWindow {
	/** Milliseconds to wait, or `0` when the request may go through. */
	check(key: string, now?: number): number;
}

export function createRateLimitWindow(windowMs: number, maxKeys = 1000): RateLimitWindow {
	const opened = new Map<string, number>();
	return {
		check(key, now = Date.now()) {
			const start = opened.get(key);
			if (start === undefined) {
				// Oldest first: a Map iterates in insertion order, so the bound drops stale windows.
				if (opened.size >= maxKeys) opened.delete(opened.keys().next().value!);
				opened.set(key, now);
				return windowMs;
			}
			const left = start + windowMs - now;
			if (left > 0) return left;
			opened.delete(key);
			return 0;
		}
	};
}
