import type { StreamErrorCode } from '../../../core/errors.js';

/**
 * The parts of a `StreamError` the components read; the class fits, and so does a plain object.
 *
 * @example
 * ```ts
 * const error: StreamErrorLike = { code: 'http_status', message: 'HTTP 503', status: 503 };
 * describeStreamError(error); // "The server had a problem (HTTP 503)."
 * ```
 */
export interface StreamErrorLike {
	readonly code: StreamErrorCode;
	readonly message: string;
	readonly status?: number | undefined;
	readonly retryAfterMs?: number | undefined;
}

/** Codes after which the server may be able to continue the same answer instead of starting over. */
const RESUMABLE: ReadonlySet<StreamErrorCode> = new Set([
	'network',
	'disconnected',
	'idle_timeout'
]);

/**
 * Whether a "Continue" action makes sense after this error (the connection broke mid-answer).
 *
 * @example
 * ```ts
 * isResumable(new StreamError('disconnected', 'ended early')); // true
 * ```
 */
export function isResumable(error: StreamErrorLike): boolean {
	return RESUMABLE.has(error.code);
}

function formatWait(ms: number): string {
	const seconds = Math.max(1, Math.ceil(ms / 1000));
	if (seconds < 90) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
	const minutes = Math.ceil(seconds / 60);
	return `${minutes} minutes`;
}

/**
 * Says in plain words what went wrong, per error code: what a user reads in `StreamErrorView`.
 *
 * @example
 * ```ts
 * describeStreamError(new StreamError('http_status', 'HTTP 429', { status: 429, retryAfterMs: 20_000 }));
 * // "Too many requests. The server asked to wait 20 seconds before trying again."
 * ```
 */
export function describeStreamError(error: StreamErrorLike): string {
	switch (error.code) {
		case 'network':
			return 'The connection was lost before the answer finished.';
		case 'disconnected':
			return 'The connection dropped before the answer finished.';
		case 'idle_timeout':
			return 'The answer stalled: nothing arrived for too long.';
		case 'aborted':
			return 'The answer was stopped before it finished.';
		case 'upstream':
			return error.message
				? `The model reported an error: ${error.message}`
				: 'The model reported an error.';
		case 'bad_content_type':
			return 'The server did not send a stream.';
		case 'protocol':
			return 'The answer could not be read: the server sent unexpected data.';
		case 'event_too_large':
			return 'The server sent a message too large to read.';
		case 'http_status': {
			const status = error.status;
			const wait =
				error.retryAfterMs === undefined
					? ''
					: ` The server asked to wait ${formatWait(error.retryAfterMs)} before trying again.`;
			if (status === 429) {
				return `Too many requests.${wait || ' Wait a moment before trying again.'}`;
			}
			if (status === undefined) return `The server answered with an error.${wait}`;
			if (status >= 500) return `The server had a problem (HTTP ${status}).${wait}`;
			if (status === 401 || status === 403) {
				return `The server refused the request: not authorised (HTTP ${status}).`;
			}
			return `The server rejected the request (HTTP ${status}).${wait}`;
		}
		default:
			return error.message || 'Something went wrong.';
	}
}
