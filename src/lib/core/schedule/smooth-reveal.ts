/**
 * Options of {@link createSmoothReveal}.
 *
 * @example
 * ```ts
 * createTokenStream({ url: '/api/chat', smooth: { maxLagMs: 150 } satisfies SmoothRevealOptions });
 * ```
 */
export interface SmoothRevealOptions {
	/**
	 * The longest a character may wait between arriving and being revealed, in milliseconds.
	 * @default 250
	 */
	maxLagMs?: number;
}

/**
 * Paces the reveal of text that arrives in bursts. It only counts characters; the caller owns the
 * text and the clock, so it works with any renderer and with fake time in tests.
 *
 * @example
 * ```ts
 * const pace: SmoothReveal = createSmoothReveal();
 * pace.arrive(120, performance.now());
 * const visible = pace.reveal(performance.now() + 16);
 * ```
 */
export interface SmoothReveal {
	/** Records that the source text has grown to `length` characters at time `now` (ms). */
	arrive(length: number, now: number): void;
	/** How many characters to show at `now`; call it once per frame. */
	reveal(now: number): number;
	/** Reveals everything that has arrived (on done, error or stop) and returns that length. */
	flush(): number;
	/** Characters that have arrived but are not revealed yet. */
	readonly backlog: number;
}

/**
 * Default of {@link SmoothRevealOptions.maxLagMs}.
 *
 * @example
 * ```ts
 * createSmoothReveal({ maxLagMs: DEFAULT_MAX_LAG_MS * 2 });
 * ```
 */
export const DEFAULT_MAX_LAG_MS = 250;

// The arrival rate is averaged over about a second: long enough to even out bursts of a few
// frames, short enough to follow a model that speeds up or slows down mid-answer.
const RATE_WINDOW_MS = 1000;
const NOMINAL_FRAME_MS = 1000 / 60;

/**
 * Creates an even, adaptive reveal for bursty text. Each frame reveals the larger of
 * - the average arrival rate × the frame's duration (an even pace while the network keeps up), and
 * - backlog × frame duration / `maxLagMs` (drains what piled up without a visible jump),
 *
 * and never less than every character that arrived `maxLagMs` ago or earlier, so the reveal is
 * never further behind the network than `maxLagMs`.
 *
 * @example
 * ```ts
 * const pace = createSmoothReveal({ maxLagMs: 200 });
 * pace.arrive(text.length, performance.now());
 * requestAnimationFrame((now) => (output.textContent = text.slice(0, pace.reveal(now))));
 * ```
 */
export function createSmoothReveal(options: SmoothRevealOptions = {}): SmoothReveal {
	const maxLagMs = options.maxLagMs ?? DEFAULT_MAX_LAG_MS;
	if (typeof maxLagMs !== 'number' || !Number.isFinite(maxLagMs) || maxLagMs <= 0) {
		throw new TypeError(
			`smooth.maxLagMs must be a positive number of milliseconds, got ${String(maxLagMs)}.`
		);
	}
	let arrived = 0;
	let shown = 0; // fractional, so slow rates still advance across frames
	let lastFrameAt: number | null = null;
	let arrivedAtLastFrame = 0;
	let rate = 0; // characters per millisecond
	// Arrivals newer than maxLagMs, oldest first; `head` skips consumed entries without shifting.
	let lengths: number[] = [];
	let times: number[] = [];
	let head = 0;

	const dropConsumed = (upTo: number) => {
		while (head < lengths.length && lengths[head] <= upTo) head++;
		if (head > 64 && head * 2 > lengths.length) {
			lengths = lengths.slice(head);
			times = times.slice(head);
			head = 0;
		}
	};

	return {
		arrive(length, now) {
			if (length <= arrived) return;
			arrived = length;
			lengths.push(length);
			times.push(now);
		},
		reveal(now) {
			// The first frame has no previous one to measure from: count it as one nominal frame, so
			// the first characters show at once instead of a frame later.
			if (lastFrameAt === null) lastFrameAt = now - NOMINAL_FRAME_MS;
			const dt = Math.min(Math.max(now - lastFrameAt, 0), maxLagMs);
			if (dt > 0) {
				const instant = (arrived - arrivedAtLastFrame) / dt;
				rate += (instant - rate) * Math.min(1, dt / RATE_WINDOW_MS);
			}
			lastFrameAt = now;
			arrivedAtLastFrame = arrived;

			const backlog = arrived - shown;
			let next = shown + Math.max(rate * dt, (backlog * dt) / maxLagMs);
			// Hard bound: whatever arrived maxLagMs ago must be visible now.
			let due = 0;
			while (head < lengths.length && times[head] <= now - maxLagMs) due = lengths[head++];
			next = Math.min(arrived, Math.max(next, due));
			shown = next;
			dropConsumed(Math.floor(shown));
			return Math.floor(shown);
		},
		flush() {
			shown = arrived;
			dropConsumed(arrived);
			return arrived;
		},
		get backlog() {
			return arrived - Math.floor(shown);
		}
	};
}

/**
 * Moves a cut point off the middle of a UTF-16 surrogate pair, so a partial reveal never shows
 * half an emoji.
 *
 * @example
 * ```ts
 * const end = safeCutIndex(text, pace.reveal(now));
 * output.textContent = text.slice(0, end);
 * ```
 */
export function safeCutIndex(text: string, index: number): number {
	if (index <= 0 || index >= text.length) return Math.max(0, Math.min(index, text.length));
	const before = text.charCodeAt(index - 1);
	return before >= 0xd800 && before <= 0xdbff ? index - 1 : index;
}
