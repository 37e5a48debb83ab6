import { readLLMStream } from '../read-llm-stream.js';
import type { LLMTransport } from './stream-llm.js';
import { checkIdleTimeout, checkMaxEventBytes } from '../check-option.js';
import { checkFrames, websocketStream, type WebSocketStreamOptions } from './websocket-stream.js';

/**
 * Options of {@link websocketTransport}: how to open the socket and read its frames.
 *
 * @example
 * ```ts
 * const options: WebSocketTransportOptions = { WebSocket, frames: 'sse' };
 * ```
 */
export type WebSocketTransportOptions = Pick<
	WebSocketStreamOptions,
	'WebSocket' | 'protocols' | 'frames' | 'maxEventBytes' | 'idleTimeoutMs'
>;

/**
 * A transport over a WebSocket, for `createTokenStream` and `createChat` (their `transport`
 * option) or any caller of an {@link LLMTransport}: each request opens a socket to `url`, sends
 * `body` once it opens (a string as is, anything else as JSON), reads the frames in `protocol` and
 * closes the socket when the answer ends or `signal` aborts. A request's `idleTimeoutMs` and
 * `maxEventBytes` (else the ones given here) bound the wait for each frame and the size of an
 * event. A WebSocket has no headers or method, and a dropped socket is not resumed: `headers`,
 * `method` and `reconnect` do not apply.
 *
 * @example
 * ```ts
 * import WebSocket from 'ws'; // browsers and Node 22 have a global one
 * const chat = createChat({
 *   url: 'wss://example.com/chat',
 *   transport: websocketTransport({ WebSocket, frames: 'sse' })
 * });
 * ```
 */
export function websocketTransport(options: WebSocketTransportOptions = {}): LLMTransport {
	if (typeof options !== 'object' || options === null) {
		throw new TypeError('websocketTransport takes an options object, e.g. { frames: "sse" }.');
	}
	if (options.frames !== undefined) checkFrames(options.frames, 'websocketTransport');
	checkIdleTimeout(options.idleTimeoutMs, 'websocketTransport');
	checkMaxEventBytes(options.maxEventBytes, 'websocketTransport');
	return ({ url, body, protocol = 'text', signal, onUpdate, idleTimeoutMs, maxEventBytes }) => {
		const events = websocketStream(url, {
			...options,
			idleTimeoutMs: idleTimeoutMs ?? options.idleTimeoutMs,
			maxEventBytes: maxEventBytes ?? options.maxEventBytes,
			send: body,
			signal
		});
		return readLLMStream(events, { protocol, signal, onUpdate });
	};
}
