import { readExcerpt } from '../core/transport/read-excerpt.js';

/**
 * The part of a server-side WebSocket that {@link pipeResponseToWebSocket} uses: a `WebSocket` from
 * the `ws` package, or a standard one (Deno, Node 22's client).
 *
 * @example
 * ```ts
 * wss.on('connection', (socket: ServerWebSocketLike) => { ... });
 * ```
 */
export interface ServerWebSocketLike {
	/** 1 while open. */
	readonly readyState: number;
	/** Bytes queued but not yet sent; read to slow down for a slow client. */
	readonly bufferedAmount?: number;
	send(data: Uint8Array): void;
	close(code?: number, reason?: string): void;
	addEventListener(type: 'close', listener: () => void): void;
	removeEventListener(type: 'close', listener: () => void): void;
}

/**
 * How {@link pipeResponseToWebSocket} ended: the whole body was sent (`complete`), the client closed
 * the socket first (`client-closed`), reading the body failed (`broken`), or the response was not
 * 2xx (`refused`).
 *
 * @example
 * ```ts
 * const end: WebSocketPipeEnd = await pipeResponseToWebSocket(response, socket);
 * ```
 */
export type WebSocketPipeEnd = 'complete' | 'client-closed' | 'broken' | 'refused';

/**
 * Options of {@link pipeResponseToWebSocket}.
 *
 * @example
 * ```ts
 * await pipeResponseToWebSocket(response, socket, { highWaterMark: 256 * 1024 });
 * ```
 */
export interface PipeToWebSocketOptions {
	/**
	 * Reading the body pauses while the socket has more than this many bytes queued, so a slow
	 * client slows the source (as an HTTP response's back-pressure would) instead of filling memory.
	 * @default 1048576
	 */
	highWaterMark?: number;
}

const OPEN = 1;
/** Close code for a body that broke off: "internal error". */
const BROKEN = 1011;
/** A WebSocket close reason is at most 123 bytes of UTF-8. */
const MAX_REASON_BYTES = 123;
const DRAIN_POLL_MS = 10;

/**
 * Sends a streaming `Response` (e.g. one from {@link sseResponse}) over a WebSocket, so the same
 * endpoint logic serves WebSocket clients: each body chunk goes out as one binary frame, as it
 * arrives, and the socket closes with 1000 when the body ends. A client reads the frames with
 * `websocketStream(url, { frames: 'sse' })` or `websocketTransport({ frames: 'sse' })`, which decode
 * SSE text across frames. When the client closes the socket, the body is cancelled, which stops an
 * `sseResponse` source (its generator's `finally` runs). A body that fails closes with 1011; a
 * non-2xx response closes with 4000 + its status (e.g. 4429) and an excerpt of its body as reason.
 *
 * @example
 * ```ts
 * // a `ws` server beside SvelteKit: the first message is the request body
 * wss.on('connection', (socket) => {
 *   socket.once('message', async (body) => {
 *     const { messages } = JSON.parse(String(body));
 *     const response = sseResponse(textEventStream(model.stream(messages)));
 *     await pipeResponseToWebSocket(response, socket);
 *   });
 * });
 * ```
 */
export async function pipeResponseToWebSocket(
	response: Response,
	socket: ServerWebSocketLike,
	options: PipeToWebSocketOptions = {}
): Promise<WebSocketPipeEnd> {
	if (!(response instanceof Response)) {
		throw new TypeError('pipeResponseToWebSocket takes a Response, e.g. one from sseResponse().');
	}
	if (!socket || typeof socket.send !== 'function' || typeof socket.close !== 'function') {
		throw new TypeError(
			'pipeResponseToWebSocket needs a WebSocket (with send, close and addEventListener).'
		);
	}
	const highWaterMark = options.highWaterMark ?? 1024 * 1024;
	if (!(highWaterMark >= 0)) {
		throw new TypeError(
			`highWaterMark must be a number of bytes (0 or more), got ${String(options.highWaterMark)}.`
		);
	}

	if (!response.ok) {
		const excerpt = await readExcerpt(response);
		// A Response's status is 200–599, so 4300–4599: inside the 4000–4999 range left to applications.
		const code = 4000 + response.status;
		closeIfOpen(socket, code, reasonOf(`${response.status} ${excerpt}`));
		return 'refused';
	}
	if (!response.body) {
		closeIfOpen(socket, 1000);
		return 'complete';
	}

	const reader = response.body.getReader();
	let clientClosed = socket.readyState !== OPEN;
	const onClose = () => {
		clientClosed = true;
		// Cancelling the body is what stops the source behind it.
		reader.cancel().catch(() => {});
	};
	socket.addEventListener('close', onClose);
	try {
		while (!clientClosed) {
			const { done, value } = await reader.read();
			if (clientClosed) break;
			if (done) {
				closeIfOpen(socket, 1000);
				return 'complete';
			}
			socket.send(value);
			while (!clientClosed && (socket.bufferedAmount ?? 0) > highWaterMark) {
				await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
			}
		}
		reader.cancel().catch(() => {});
		return 'client-closed';
	} catch {
		if (clientClosed) return 'client-closed';
		closeIfOpen(socket, BROKEN, 'The answer stream broke off.');
		return 'broken';
	} finally {
		socket.removeEventListener('close', onClose);
	}
}

function closeIfOpen(socket: ServerWebSocketLike, code: number, reason?: string) {
	if (socket.readyState === OPEN) socket.close(code, reason);
}

/** `text` cut to fit a close frame's reason, never inside a character. */
function reasonOf(text: string): string {
	const encoder = new TextEncoder();
	if (encoder.encode(text).length <= MAX_REASON_BYTES) return text;
	let cut = text.slice(0, MAX_REASON_BYTES - 1);
	while (encoder.encode(cut + '…').length > MAX_REASON_BYTES) cut = cut.slice(0, -1);
	// A lone high surrogate left at the end would be replaced when encoded.
	if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
	return cut + '…';
}
