import { MAX_TIMER_MS } from '../core/timer.js';

/** A timer that calls `beat` once per interval in which nothing else was written. */
export interface Heartbeat {
	/** Records a write, so the current interval needs no beat. Cheap enough to call per event. */
	wrote(): void;
	/** Stops the timer; safe to call more than once. */
	stop(): void;
}

/**
 * Starts a heartbeat. One interval timer, not one timeout per write: re-arming a timer on every
 * event would cost more than the event itself at high rates. So a beat follows between one and two
 * intervals of silence.
 *
 * @example
 * ```ts
 * const heartbeat = createHeartbeat(15_000, () => controller.enqueue(comment));
 * heartbeat.wrote(); // after each event
 * heartbeat.stop(); // when the stream ends
 * ```
 */
export function createHeartbeat(intervalMs: number, beat: () => void): Heartbeat {
	// 0 turns it off; so does an interval too long for a timer (it would fire every millisecond).
	if (!(intervalMs > 0 && intervalMs <= MAX_TIMER_MS)) return { wrote() {}, stop() {} };
	let busy = false;
	let timer: ReturnType<typeof setInterval> | undefined = setInterval(() => {
		if (busy) busy = false;
		else beat();
	}, intervalMs);
	// A forgotten stream must not keep a Node process alive on its own.
	(timer as { unref?: () => void }).unref?.();
	return {
		wrote() {
			busy = true;
		},
		stop() {
			if (timer !== undefined) clearInterval(timer);
			timer = undefined;
		}
	};
}
