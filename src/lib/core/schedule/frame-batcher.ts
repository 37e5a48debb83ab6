/**
 * Runs `run` later and returns a function that cancels it.
 *
 * @example
 * ```ts
 * // Tests drive frames by hand:
 * const frames: Array<() => void> = [];
 * const schedule: Schedule = (run) => (frames.push(run), () => frames.splice(frames.indexOf(run), 1));
 * ```
 */
export type Schedule = (run: () => void) => () => void;

/**
 * Schedules on the next animation frame, or after ~16 ms where there is none (SSR, Node, workers).
 *
 * @example
 * ```ts
 * const cancel = onAnimationFrame(() => paint());
 * ```
 */
export const onAnimationFrame: Schedule = (run) => {
	if (typeof requestAnimationFrame === 'function') {
		const id = requestAnimationFrame(() => run());
		return () => cancelAnimationFrame(id);
	}
	const id = setTimeout(run, 16);
	return () => clearTimeout(id);
};

/**
 * Collects work and runs it at most once per scheduled frame.
 *
 * @example
 * ```ts
 * const batcher: FrameBatcher = createFrameBatcher(render);
 * batcher.request(); // from every token; `render` runs once on the next frame
 * ```
 */
export interface FrameBatcher {
	/** Asks for a flush on the next frame (idempotent within a frame). */
	request(): void;
	/** Runs a pending flush now, e.g. when the stream ends. */
	flushNow(): void;
	/** Cancels a pending flush. */
	dispose(): void;
}

/**
 * Creates a batcher that calls `flush` at most once per frame, however often `request` is called.
 *
 * @example
 * ```ts
 * const batcher = createFrameBatcher(() => (view.text = buffer));
 * socket.onmessage = (e) => { buffer += e.data; batcher.request(); };
 * ```
 */
export function createFrameBatcher(
	flush: () => void,
	schedule: Schedule = onAnimationFrame
): FrameBatcher {
	let cancel: (() => void) | null = null;
	const run = () => {
		cancel = null;
		flush();
	};
	return {
		request() {
			cancel ??= schedule(run);
		},
		flushNow() {
			if (!cancel) return;
			cancel();
			run();
		},
		dispose() {
			cancel?.();
			cancel = null;
		}
	};
}
