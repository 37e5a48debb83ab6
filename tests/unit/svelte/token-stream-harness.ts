// Test doubles for the store tests: a fetch whose responses the test writes by hand, a scheduler
// whose frames the test runs by hand, and a clock the test moves by hand.
import type { Schedule } from '../../../src/lib/core/schedule/frame-batcher.js';

/** One request the fake fetch received, with a handle to write its SSE response. */
export interface FakeExchange {
	url: string;
	headers: Headers;
	body: unknown;
	signal: AbortSignal;
	/** Writes raw SSE text to the response body. */
	write(sse: string): void;
	/** Ends the response body. */
	close(): void;
}

/** A `fetch` that answers every request with an SSE body the test writes. */
export function createFakeFetch(
	respond: (exchange: FakeExchange) => Response | void = () => undefined
) {
	const exchanges: FakeExchange[] = [];
	const encoder = new TextEncoder();
	const fetch = async (input: string | URL | Request, init: RequestInit = {}) => {
		let controller!: ReadableStreamDefaultController<Uint8Array>;
		let closed = false;
		const stream = new ReadableStream<Uint8Array>({
			start: (c) => void (controller = c),
			cancel: () => void (closed = true)
		});
		const signal = init.signal ?? new AbortController().signal;
		const exchange: FakeExchange = {
			url: String(input),
			headers: new Headers(init.headers),
			body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
			signal,
			write(sse) {
				if (!closed) controller.enqueue(encoder.encode(sse));
			},
			close() {
				if (!closed) controller.close();
				closed = true;
			}
		};
		exchanges.push(exchange);
		if (signal.aborted) throw signal.reason;
		const custom = respond(exchange);
		if (custom) return custom;
		return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
	};
	return { fetch: fetch as typeof globalThis.fetch, exchanges };
}

/** SSE for the kit's `text` protocol. */
export const sse = {
	token: (text: string) => `data: ${text}\n\n`,
	tokens: (texts: string[]) => texts.map((t) => `data: ${t}\n\n`).join(''),
	done: (reason = 'stop') => `event: done\ndata: ${reason}\n\n`,
	error: (message: string) => `event: error\ndata: ${message}\n\n`
};

/** A scheduler that queues frames until the test runs them. */
export function createManualFrames() {
	let queue: Array<() => void> = [];
	let requested = 0;
	const schedule: Schedule = (run) => {
		requested++;
		queue.push(run);
		return () => {
			queue = queue.filter((r) => r !== run);
		};
	};
	return {
		schedule,
		/** Frames waiting to run. */
		get pending() {
			return queue.length;
		},
		/** How many frames were ever requested. */
		get requested() {
			return requested;
		},
		/** Runs the frames queued so far (not the ones they request). */
		run() {
			const now = queue;
			queue = [];
			for (const frame of now) frame();
		}
	};
}

/** A clock the test moves by hand. */
export function createManualClock(start = 1000) {
	let time = start;
	return {
		now: () => time,
		advance(ms: number) {
			time += ms;
		}
	};
}

/**
 * Lets the stream's read loop run: yields macrotasks until `condition` holds. Network reads resolve
 * in microtasks, so this ends after a few turns; it fails loudly instead of hanging.
 */
export async function until(condition: () => boolean, turns = 50): Promise<void> {
	for (let i = 0; i < turns; i++) {
		if (condition()) return;
		await new Promise((resolve) => setTimeout(resolve, 0));
	}
	if (!condition()) throw new Error(`Condition not met after ${turns} event-loop turns.`);
}
