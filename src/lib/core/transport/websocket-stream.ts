import { checkIdleTimeout, checkMaxEventBytes, DEFAULT_MAX_EVENT_BYTES } from '../check-option.js';
import { StreamError } from '../errors.js';
import { createSSEDecoder, type SSEDecoder, type SSEEvent } from '../sse/decode.js';
import { setTimer } from '../timer.js';

/**
 * The part of the WebSocket API the kit uses; the browser's, Node 22's and the `ws` package's fit.
 *
 * @example
 * ```ts
 * const socket: WebSocketLike = new WebSocket('wss://example.com');
 * ```
 */
export interface WebSocketLike {
	readonly readyState: number;
	binaryType: string;
	send(data: string): void;
	close(code?: number, reason?: string): void;
	addEventListener(type: 'open' | 'message' | 'error' | 'close', listener: SocketListener): void;
}

/**
 * What the kit reads from WebSocket events.
 *
 * @example
 * ```ts
 * socket.addEventListener('close', (e) => console.log((e as WebSocketEventLike).code));
 * ```
 */
export interface WebSocketEventLike {
	data?: unknown;
	code?: number;
	reason?: string;
}

// A method signature's parameters are compared bivariantly, so listeners typed for the browser's
// MessageEvent/CloseEvent or ws's own event classes all fit.
type SocketListener = { bivariant(event: object): void }['bivariant'];

/**
 * A `WebSocket` constructor: `globalThis.WebSocket`, or `WebSocket` from the `ws` package.
 *
 * @example
 * ```ts
 * import WebSocket from 'ws';
 * const Ctor: WebSocketConstructor = WebSocket;
 * ```
 */
export type WebSocketConstructor = new (
	url: string,
	protocols?: string | string[]
) => WebSocketLike;

/**
 * Options of {@link websocketStream}.
 *
 * @example
 * ```ts
 * websocketStream(url, { WebSocket, send: { prompt: 'Hi' }, signal: controller.signal });
 * ```
 */
export interface WebSocketStreamOptions {
	/**
	 * The WebSocket constructor. Node 20 has no global one: pass `WebSocket` from the `ws` package.
	 * @default globalThis.WebSocket
	 */
	WebSocket?: WebSocketConstructor;
	/** WebSocket sub-protocols to ask for. */
	protocols?: string | string[];
	/** Sent once the socket opens, e.g. the prompt: a string as is, anything else as JSON. */
	send?: unknown;
	/** Aborting closes the socket (code 1000) and ends the iteration with `signal.reason`. */
	signal?: AbortSignal;
	/**
	 * What a frame holds. `"data"`: each frame is one event's `data`. `"sse"`: the frames carry
	 * Server-Sent Events text (what `encodeSSE` writes), read by the kit's SSE decoder across frames,
	 * so event types (`event: done`), ids and multi-line data arrive as over HTTP; the `text`
	 * protocol needs this, since a bare frame cannot say `done`.
	 * @default "data"
	 */
	frames?: 'data' | 'sse';
	/**
	 * The largest event's data, in UTF-16 code units: a `"data"` frame's text, or with `"sse"` an
	 * event's data as `maxEventBytes` of `createSSEDecoder` counts it. A larger one ends the
	 * iteration with `event_too_large` and closes the socket.
	 * @default 1048576
	 */
	maxEventBytes?: number;
	/**
	 * Gives up when no frame arrives for this long (the wait to connect included): the iteration
	 * ends with a `StreamError` with code `idle_timeout` and the socket is closed. Unset (or
	 * `Infinity`), a silent socket is waited on for as long as it stays open.
	 */
	idleTimeoutMs?: number;
}

/**
 * Events from a WebSocket, one per text frame; see {@link websocketStream}.
 *
 * @example
 * ```ts
 * const events = websocketStream(url, { WebSocket });
 * for await (const e of events) console.log(e.data);
 * ```
 */
export interface WebSocketEventStream extends AsyncIterable<SSEEvent> {
	/** Closes the socket (code 1000); the iteration ends normally. */
	close(): void;
}

/** Close codes that end the stream normally: 1000 (normal closure), 1005 (no status sent). */
const NORMAL_CLOSE = new Set([1000, 1005]);
const OPEN = 1;
const CONNECTING = 0;

type Item = { event: SSEEvent } | { error: unknown } | { end: true };

/**
 * Opens a WebSocket and yields its messages as SSE-shaped events (`event: "message"`, `data`: the
 * frame's text, `id: ""`), so the same protocol readers work over it: pass it to `readLLMStream`.
 * With `frames: "sse"` the frames carry SSE text instead, decoded as an HTTP body would be.
 * A close with a code other than 1000 or 1005 ends the iteration with a `StreamError`
 * (`disconnected`, with `closeCode`); failing to connect is a `network` error.
 *
 * @example
 * ```ts
 * import WebSocket from 'ws'; // Node 20; browsers and Node 22 have a global WebSocket
 * const events = websocketStream('wss://example.com/chat', {
 *   WebSocket,
 *   send: { messages: [{ role: 'user', content: 'Hi' }] }
 * });
 * const result = await readLLMStream(events, { protocol: 'openai-chat' });
 * ```
 */
export function websocketStream(
	url: string | URL,
	options: WebSocketStreamOptions = {}
): WebSocketEventStream {
	const Socket =
		options.WebSocket ??
		(globalThis as { WebSocket?: WebSocketConstructor }).WebSocket ??
		undefined;
	if (typeof Socket !== 'function') {
		throw new TypeError(
			"No WebSocket constructor here (Node 20 has none): pass one, e.g. websocketStream(url, { WebSocket }) with `import WebSocket from 'ws'`."
		);
	}
	const { signal } = options;
	const frames = options.frames ?? 'data';
	checkFrames(frames, 'websocketStream');
	const { idleTimeoutMs } = options;
	checkIdleTimeout(idleTimeoutMs, 'websocketStream');
	checkMaxEventBytes(options.maxEventBytes, 'websocketStream');
	const maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
	const queue: Item[] = [];
	let waiting: ((item: Item) => void) | null = null;
	let finished = false;
	let opened = false;
	let idleTimer: ReturnType<typeof setTimeout> | undefined;

	const deliver = (item: Item) => {
		if (finished) return;
		if ('end' in item || 'error' in item) {
			finished = true;
			detach();
		}
		if (waiting) {
			const resolve = waiting;
			waiting = null;
			resolve(item);
		} else queue.push(item);
	};

	const socket = new Socket(String(url), options.protocols);
	socket.binaryType = 'arraybuffer';
	// Binary `data` frames only; with `frames: 'sse'` the SSE decoder decodes its own bytes.
	let utf8: TextDecoder | undefined;
	const sse: SSEDecoder | null =
		frames === 'sse'
			? createSSEDecoder({
					onEvent: (event) => deliver({ event }),
					maxEventBytes
				})
			: null;

	const onOpen = () => {
		opened = true;
		touch();
		if (options.send === undefined) return;
		socket.send(typeof options.send === 'string' ? options.send : JSON.stringify(options.send));
	};
	const onMessage = (message: object) => {
		touch();
		const data = (message as WebSocketEventLike).data;
		if (sse) {
			try {
				sse.push(typeof data === 'string' ? data : bytesOf(data));
			} catch (error) {
				deliver({ error });
				closeSocket();
			}
			return;
		}
		const text =
			typeof data === 'string'
				? data
				: data instanceof ArrayBuffer || ArrayBuffer.isView(data)
					? (utf8 ??= new TextDecoder()).decode(data)
					: String(data);
		if (text.length > maxEventBytes) {
			deliver({
				error: new StreamError(
					'event_too_large',
					`A WebSocket frame exceeded maxEventBytes (${maxEventBytes}); raise the limit if such events are expected.`
				)
			});
			closeSocket();
			return;
		}
		deliver({ event: { event: 'message', data: text, id: '' } });
	};
	const onError = () => {
		if (!opened) {
			deliver({
				error: new StreamError('network', `Could not open a WebSocket to ${String(url)}.`)
			});
		}
		// After opening, an error is always followed by a close event, which says more.
	};
	const onClose = (closeEvent: object) => {
		const event = closeEvent as WebSocketEventLike;
		const code = event.code ?? 1005;
		if (NORMAL_CLOSE.has(code)) {
			// As at the end of an HTTP body: an event without its blank line is dropped.
			sse?.end();
			deliver({ end: true });
			return;
		}
		const reason = event.reason ? `: ${event.reason}` : '';
		deliver({
			error: new StreamError(
				opened ? 'disconnected' : 'network',
				`The WebSocket closed with code ${code}${reason}.`,
				{ closeCode: code }
			)
		});
	};
	const onAbort = () => {
		deliver({ error: signal?.reason });
		closeSocket();
	};

	const onIdle = () => {
		deliver({
			error: new StreamError(
				'idle_timeout',
				`No WebSocket frame arrived for ${idleTimeoutMs} ms; the socket was closed.`
			)
		});
		closeSocket();
	};
	function touch() {
		if (idleTimeoutMs === undefined || finished) return;
		clearTimeout(idleTimer);
		idleTimer = setTimer(onIdle, idleTimeoutMs);
	}

	socket.addEventListener('open', onOpen);
	socket.addEventListener('message', onMessage);
	socket.addEventListener('error', onError);
	socket.addEventListener('close', onClose);
	if (signal?.aborted) onAbort();
	else signal?.addEventListener('abort', onAbort, { once: true });
	touch();

	function detach() {
		signal?.removeEventListener('abort', onAbort);
		clearTimeout(idleTimer);
	}
	function closeSocket() {
		if (socket.readyState === OPEN || socket.readyState === CONNECTING) {
			try {
				socket.close(1000);
			} catch {
				// Closing a socket that is still connecting throws in some implementations; it is going away anyway.
			}
		}
	}

	const iterator: AsyncIterator<SSEEvent> = {
		next() {
			const item =
				queue.length > 0
					? Promise.resolve(queue.shift()!)
					: finished
						? Promise.resolve<Item>({ end: true })
						: new Promise<Item>((resolve) => (waiting = resolve));
			return item.then((next) => {
				if ('event' in next) return { done: false, value: next.event };
				if ('error' in next) throw next.error;
				return { done: true, value: undefined };
			});
		},
		return() {
			deliver({ end: true });
			queue.length = 0;
			closeSocket();
			return Promise.resolve({ done: true, value: undefined });
		}
	};

	return {
		[Symbol.asyncIterator]: () => iterator,
		close() {
			deliver({ end: true });
			closeSocket();
		}
	};
}

/** The bytes of a binary frame (an ArrayBuffer, a view, or a Node Buffer from `ws`). */
function bytesOf(data: unknown): Uint8Array | string {
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	if (ArrayBuffer.isView(data))
		return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
	return String(data);
}

/** Throws a TypeError naming `where` unless `frames` is one of the two frame formats. */
export function checkFrames(frames: unknown, where: string): void {
	if (frames !== 'data' && frames !== 'sse') {
		throw new TypeError(`${where}: \`frames\` is "data" or "sse", got ${JSON.stringify(frames)}.`);
	}
}
