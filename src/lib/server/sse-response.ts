import { encodeSSE, isRetryValue, type SSEMessage } from './encode.js';
import { fusedOf } from './fused.js';
import { createHeartbeat } from './heartbeat.js';

/**
 * Options of {@link sseResponse}: the request whose abort stops the source, heartbeats, the
 * client's retry delay, extra headers, and the error event sent when the source throws.
 *
 * @example
 * ```ts
 * return sseResponse(textEventStream(tokens()), {
 *   request,
 *   heartbeatMs: 10_000,
 *   onError: () => ({ data: 'The model is unavailable; try again in a minute.' })
 * });
 * ```
 */
export interface SSEResponseOptions {
	/**
	 * The incoming request: when its `signal` aborts (the client went away), the source is stopped
	 * and the body ends.
	 */
	request?: Request;
	/**
	 * Sends a comment line (`: keep-alive`) once a whole interval has passed with nothing else sent
	 * (so within two intervals of silence), so proxies and load balancers keep an idle connection
	 * open. `0` (or `Infinity`) turns it off.
	 * @default 15000
	 */
	heartbeatMs?: number;
	/** Sent first as `retry:`, the reconnection delay the client should use, in milliseconds. */
	retryMs?: number;
	/** Extra response headers; the SSE headers always win. */
	headers?: HeadersInit;
	/** @default 200 */
	status?: number;
	/**
	 * Shapes the `event: error` sent when the source throws. Return nothing to send the default, a
	 * generic message with no internals. The returned message's `event` defaults to `"error"`.
	 */
	onError?: (error: unknown) => SSEMessage | void;
}

const DEFAULT_ERROR: SSEMessage = { event: 'error', data: 'The answer could not be completed.' };
const KEEP_ALIVE = ': keep-alive\n\n';

function errorChunk(error: unknown, onError: SSEResponseOptions['onError']): string {
	try {
		const shaped = onError?.(error);
		if (shaped) return encodeSSE({ event: 'error', ...shaped });
	} catch {
		// A broken onError must not leak the original error; fall back to the generic message.
	}
	return encodeSSE(DEFAULT_ERROR);
}

/**
 * Streams an async iterable as a Server-Sent Events response, without buffering. The body is
 * pull-based: the source is advanced only when the client can take more. When the client goes away
 * (the body is cancelled or `request.signal` aborts) the source's `return()` runs, so a `finally` in
 * a generator can abort the upstream model call (once its pending `await` settles: hand
 * `request.signal` to the model call too, to stop a silent model at once). A source that throws
 * ends the stream cleanly with an `event: error` whose message is safe to show.
 *
 * @example
 * ```ts
 * // src/routes/api/chat/+server.ts
 * export const POST: RequestHandler = async ({ request }) => {
 *   const { messages } = await request.json();
 *   return sseResponse(textEventStream(model.stream(messages)), { request });
 * };
 * ```
 */
export function sseResponse(
	source: AsyncIterable<SSEMessage | string>,
	options: SSEResponseOptions = {}
): Response {
	if (typeof source?.[Symbol.asyncIterator] !== 'function') {
		throw new TypeError(
			'sseResponse needs an AsyncIterable such as an async generator; wrap an array with `(async function* () { yield* array; })()`'
		);
	}
	const heartbeatMs = options.heartbeatMs ?? 15_000;
	if (typeof heartbeatMs !== 'number' || !(heartbeatMs >= 0)) {
		throw new TypeError(`heartbeatMs must be a number ≥ 0 (0 turns it off), got ${heartbeatMs}`);
	}
	if (options.retryMs !== undefined && !isRetryValue(options.retryMs)) {
		throw new TypeError(
			`retryMs must be a whole number of milliseconds from 0 to 2^53 - 1, got ${String(options.retryMs)}`
		);
	}
	if (
		options.request !== undefined &&
		typeof options.request?.signal?.addEventListener !== 'function'
	) {
		throw new TypeError(
			'sseResponse: `request` must be the incoming Request (its signal ends the stream).'
		);
	}
	if (options.onError !== undefined && typeof options.onError !== 'function') {
		throw new TypeError(
			'sseResponse: `onError` must be a function `(error) => SSEMessage | void`.'
		);
	}
	const iterator = source[Symbol.asyncIterator]();
	const fused = fusedOf(iterator);
	const encoder = new TextEncoder();
	const signal = options.request?.signal;
	let closed = false;
	let controller!: ReadableStreamDefaultController<Uint8Array>;

	const heartbeat = createHeartbeat(heartbeatMs, () => {
		// Something still queued means the client is not reading: a beat would not reach it, and
		// beats piling up behind a response nobody reads would grow without bound.
		if ((controller.desiredSize ?? 0) < 0) return;
		try {
			controller.enqueue(encoder.encode(KEEP_ALIVE));
		} catch {
			stop();
		}
	});

	// The source ended by itself (done or threw): nothing left to return().
	const finish = () => {
		closed = true;
		heartbeat.stop();
		signal?.removeEventListener('abort', onAbort);
	};
	// The stream ends before the source did: run its `finally` now.
	const stop = () => {
		if (closed) return;
		finish();
		// return() on a generator that is mid-step waits for that step; never let it reject unhandled.
		Promise.resolve()
			.then(() => iterator.return?.())
			.catch(() => {});
	};
	const onAbort = () => {
		stop();
		try {
			controller.close();
		} catch {
			// Already closed or errored.
		}
	};
	const fail = (error: unknown) => {
		controller.enqueue(encoder.encode(errorChunk(error, options.onError)));
		controller.close();
	};

	const onNext = (next: IteratorResult<SSEMessage | string>) => {
		if (closed) return;
		if (next.done) {
			finish();
			controller.close();
			return;
		}
		let chunk: string;
		try {
			const value = next.value;
			chunk = encodeSSE(typeof value === 'string' ? { data: value } : value);
		} catch (error) {
			// An invalid event (say an id with a line break) is a bug upstream: end the stream, stop the source.
			stop();
			return fail(error);
		}
		heartbeat.wrote();
		controller.enqueue(encoder.encode(chunk));
	};
	const onSourceError = (error: unknown) => {
		if (closed) return;
		finish();
		fail(error);
	};

	// From textEventStream: map its source's results here, saving a promise per event.
	const onRaw = (raw: IteratorResult<unknown>): Promise<void> | void => {
		if (closed) return;
		const next = fused!.map(raw);
		return next === null ? pull() : onNext(next);
	};
	const onFusedError = (error: unknown) => {
		fused!.failed();
		onSourceError(error);
	};
	// Promise callbacks made once, not an async function per pull: at thousands of events a
	// second this is a measurable share of the per-event cost (bench/server.bench.js).
	const pull = (): Promise<void> | void => {
		if (closed) return;
		try {
			if (fused) {
				const raw = fused.pullSource();
				return raw ? raw.then(onRaw, onFusedError) : onNext({ done: true, value: undefined });
			}
			return iterator.next().then(onNext, onSourceError);
		} catch (error) {
			onSourceError(error);
		}
	};

	const body = new ReadableStream<Uint8Array>(
		{
			start(c) {
				controller = c;
				if (options.retryMs !== undefined) {
					c.enqueue(encoder.encode(`retry: ${Math.floor(options.retryMs)}\n\n`));
				}
				if (signal?.aborted) onAbort();
				else signal?.addEventListener('abort', onAbort, { once: true });
			},
			pull,
			cancel() {
				stop();
			}
		},
		// No read-ahead: the generator runs only as fast as the client reads.
		{ highWaterMark: 0 }
	);

	const headers = new Headers(options.headers);
	headers.set('content-type', 'text/event-stream; charset=utf-8');
	headers.set('cache-control', 'no-cache, no-transform');
	headers.set('x-accel-buffering', 'no');
	headers.delete('content-length');
	return new Response(body, { status: options.status ?? 200, headers });
}
