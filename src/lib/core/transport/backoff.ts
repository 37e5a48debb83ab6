import { setTimer } from '../timer.js';

/**
 * The delay before reconnect attempt `attempt` (1-based): exponential back-off with full jitter,
 * a uniformly random wait between 0 and `min(maxMs, baseMs · 2^(attempt-1))`. Full jitter spreads
 * the clients a server outage disconnected at the same moment, so they do not return in lockstep.
 *
 * @see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function backoffDelay(
	attempt: number,
	baseMs: number,
	maxMs: number,
	random: () => number = Math.random
): number {
	const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
	return Math.floor(random() * ceiling);
}

/**
 * Milliseconds to wait from a `Retry-After` header: delay-seconds or an HTTP date
 * (RFC 9110 §10.2.3). Returns `undefined` for a missing or unreadable value.
 */
export function parseRetryAfter(
	value: string | null,
	now: number = Date.now()
): number | undefined {
	if (value === null) return undefined;
	const trimmed = value.trim();
	if (/^[0-9]+$/.test(trimmed)) return Number(trimmed) * 1000;
	// An HTTP date starts with the day name; Date.parse would also accept "-5" as a year.
	if (!/^[A-Za-z]/.test(trimmed)) return undefined;
	const date = Date.parse(trimmed);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** Waits `ms`; resolves `false` at once if `signal` aborts first. */
export function wait(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
	return new Promise((resolve) => {
		if (signal?.aborted) return resolve(false);
		const onAbort = () => {
			clearTimeout(timer);
			resolve(false);
		};
		const timer = setTimer(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve(true);
		}, ms);
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}
