/** The longest delay a timer holds: browsers and Node run a longer one (`Infinity` too) at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * `setTimeout` for a delay a user chose: one too long for a timer, `Infinity` included, means
 * "never" (no timer, `undefined`), where `setTimeout` would run it after 1 ms.
 */
export function setTimer(run: () => void, ms: number): ReturnType<typeof setTimeout> | undefined {
	return ms > MAX_TIMER_MS ? undefined : setTimeout(run, ms);
}
