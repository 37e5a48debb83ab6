import { encodeSSE, type SSEMessage } from './encode.js';

/** Options of {@link sseResponse}. */
export interface SSEResponseOptions {
	/** The incoming request: when its `signal` aborts (client gone), the source is stopped. */
	request?: Request;
	/** Sends a comment line after this much silence, so proxies keep the connection. @default 15000 */
	heartbeatMs?: number;
	/** Sent first as `retry:`, the client's reconnection delay. */
	retryMs?: number;
	/** Extra response headers. */
	headers?: HeadersInit;
	/** @default 200 */
	status?: number;
	/**
	 * Shapes the `event: error` sent when the source throws. Return nothing to send the default,
	 * a generic message with no internals.
	 */
	onError?: (error: unknown) => SSEMessage | void;
}

const DEFAULT_ERROR: SSEMessage = { event: 'error', data: 'The answer could not be completed.' };

/**
 * Streams an async iterable as a Server-Sent Events response. The body is pull-based: the source
 * is advanced only when the client can take more, and when the client goes away its `return()`
 * runs, so a `finally` in a generator can abort the upstream model call.
 *
 * @example
 * ```ts
 * export const POST: RequestHandler = ({ request }) =>
 *   sseResponse(textEventStream(model.stream(prompt)), { request });
 * ```
 */
export function sseResponse(
	source: AsyncIterable<SSEMessage | string>,
	options: SSEResponseOptions = {}
): Response {
	const iterator = source[Symbol.asyncIterator]();
	const encoder = new TextEncoder();
	const heartbeatMs = options.heartbeatMs ?? 15_000;
	const signal = options.request?.signal;
	let closed = false;
	let heartbeat: ReturnType<typeof setInterval> | undefined;
	let lastWrite = Date.now();

	const stopSource = () => {
		if (heartbeat !== undefined) clearInterval(heartbeat);
		heartbeat = undefined;
		if (closed) return;
		closed = true;
		// return() on a running generator waits for its current step; never let that reject unhandled.
		Promise.resolve(iterator.return?.()).catch(() => {});
	};

	const body = new ReadableStream<Uint8Array>(
		{
			start(controller) {
				if (options.retryMs !== undefined) {
					const retry = Math.max(0, Math.floor(options.retryMs));
					controller.enqueue(encoder.encode(`retry: ${retry}\n\n`));
				}
				if (heartbeatMs > 0) {
					heartbeat = setInterval(() => {
						if (Date.now() - lastWrite < heartbeatMs) return;
						lastWrite = Date.now();
						try {
							controller.enqueue(encoder.encode(': keep-alive\n\n'));
						} catch {
							stopSource();
						}
					}, heartbeatMs);
				}
				signal?.addEventListener('abort', stopSource, { once: true });
			},
			async pull(controller) {
				if (closed) return;
				let chunk: string;
				try {
					const next = await iterator.next();
					if (closed) return;
					if (next.done) {
						closed = true;
						if (heartbeat !== undefined) clearInterval(heartbeat);
						controller.close();
						return;
					}
					const value = next.value;
					chunk = encodeSSE(typeof value === 'string' ? { data: value } : value);
				} catch (error) {
					if (closed) return;
					const shaped = options.onError?.(error) ?? DEFAULT_ERROR;
					closed = true;
					if (heartbeat !== undefined) clearInterval(heartbeat);
					controller.enqueue(encoder.encode(encodeSSE({ event: 'error', ...shaped })));
					controller.close();
					return;
				}
				lastWrite = Date.now();
				controller.enqueue(encoder.encode(chunk));
			},
			cancel() {
				stopSource();
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
