/**
 * What went wrong with a stream, as a string a caller can `switch` on.
 *
 * - `http_status`: the server answered with a non-2xx status (`status` is set).
 * - `bad_content_type`: the response is not `text/event-stream` where SSE was expected.
 * - `network`: the request failed before a response arrived (or a WebSocket could not open).
 * - `disconnected`: the connection dropped, or the body ended, before the protocol's end marker, and
 *   could not be resumed (no event ids, attempts used up, or reconnecting turned off). For a
 *   WebSocket, a close code other than 1000/1005 (`closeCode` is set).
 * - `idle_timeout`: no bytes (over a WebSocket, no frame) arrived for `idleTimeoutMs`.
 * - `aborted`: the caller aborted (its `AbortSignal`, or `stop()`).
 * - `protocol`: the bytes did not follow the wire format (for example malformed provider JSON).
 * - `upstream`: the model provider reported an error inside the stream.
 * - `event_too_large`: one SSE event grew beyond the configured size limit.
 *
 * @example
 * ```ts
 * switch (result.error?.code) {
 *   case 'aborted': break;
 *   case 'http_status': showStatus(result.error.status); break;
 *   default: showRetry();
 * }
 * ```
 */
export type StreamErrorCode =
	| 'http_status'
	| 'bad_content_type'
	| 'network'
	| 'disconnected'
	| 'idle_timeout'
	| 'aborted'
	| 'protocol'
	| 'upstream'
	| 'event_too_large';

/**
 * Options of {@link StreamError}.
 *
 * @example
 * ```ts
 * throw new StreamError('protocol', 'Bad chunk', { cause: error });
 * ```
 */
export interface StreamErrorOptions {
	/** The original failure, kept for debugging. */
	cause?: unknown;
	/** HTTP status, for `http_status` errors. */
	status?: number;
	/** Milliseconds the server asked the client to wait (`Retry-After`), when it said so. */
	retryAfterMs?: number;
	/** The WebSocket close code, for errors of a WebSocket source. */
	closeCode?: number;
}

/**
 * The one error type the kit reports. Switch on `code`; the original failure stays in `cause`.
 *
 * @example
 * ```ts
 * const result = await streamLLM({ url: '/api/chat', body: { messages } });
 * if (result.error?.code === 'http_status') console.log(result.error.status);
 * ```
 */
export class StreamError extends Error {
	override readonly name = 'StreamError';
	readonly code: StreamErrorCode;
	readonly status: number | undefined;
	readonly retryAfterMs: number | undefined;
	readonly closeCode: number | undefined;

	constructor(code: StreamErrorCode, message: string, options: StreamErrorOptions = {}) {
		super(message, options.cause === undefined ? undefined : { cause: options.cause });
		this.code = code;
		this.status = options.status;
		this.retryAfterMs = options.retryAfterMs;
		this.closeCode = options.closeCode;
	}
}

/**
 * Whether `value` is a {@link StreamError}, also across bundle copies of the kit.
 *
 * @example
 * ```ts
 * if (isStreamError(error) && error.code === 'aborted') return;
 * ```
 */
export function isStreamError(value: unknown): value is StreamError {
	return (
		value instanceof StreamError ||
		(value instanceof Error &&
			value.name === 'StreamError' &&
			typeof (value as StreamError).code === 'string')
	);
}
