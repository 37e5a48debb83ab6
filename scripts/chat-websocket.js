// The demo's WebSocket endpoint, `/api/chat/ws`: the same answers as `POST /api/chat`, over a socket.
// A gateway in front of the HTTP endpoint (adapter-node and the Vite dev server cannot hand a route
// an upgraded socket): the client's first frame is the request body, which goes to `/api/chat` on
// this server; the SSE response comes back through `pipeResponseToWebSocket`, one binary frame per
// chunk, for `websocketTransport({ frames: 'sse' })` to read. Used by scripts/demo-server.js (the
// built demo) and by a plugin in vite.config.ts (`vite dev` and `vite preview`).
import { WebSocketServer } from 'ws';

export const CHAT_SOCKET_PATH = '/api/chat/ws';

/**
 * Serves {@link CHAT_SOCKET_PATH} on `server`; upgrades to other paths are left to other listeners.
 * @param {import('node:http').Server} server
 * @param {(response: Response, socket: import('ws').WebSocket) => Promise<string>} pipe
 *   `pipeResponseToWebSocket`, from the package's source or its build
 */
export function attachChatWebSocket(server, pipe) {
	const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
	server.on('upgrade', (request, socket, head) => {
		if (!isChatSocket(request)) return;
		sockets.handleUpgrade(request, socket, head, (ws) => serve(ws, endpointOf(server), pipe));
	});
	return sockets;
}

/** @param {import('node:http').IncomingMessage} request */
export function isChatSocket(request) {
	return new URL(request.url ?? '/', 'http://localhost').pathname === CHAT_SOCKET_PATH;
}

/** `/api/chat` on this server, over loopback. @param {import('node:http').Server} server */
function endpointOf(server) {
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	const host =
		address.family === 'IPv6'
			? `[${address.address === '::' ? '::1' : address.address}]`
			: address.address === '0.0.0.0'
				? '127.0.0.1'
				: address.address;
	return `http://${host}:${address.port}/api/chat`;
}

/**
 * @param {import('ws').WebSocket} ws
 * @param {string} endpoint
 * @param {(response: Response, socket: import('ws').WebSocket) => Promise<string>} pipe
 */
function serve(ws, endpoint, pipe) {
	const request = new AbortController();
	ws.once('close', () => request.abort());
	// `ws` closes the socket itself on a protocol error (e.g. 1009 for a frame over maxPayload) and
	// then emits `error`: unheard, that error would end the whole server.
	ws.on('error', () => {});
	ws.once('message', async (body) => {
		/** @type {Response} */
		let response;
		try {
			response = await fetch(endpoint, {
				method: 'POST',
				headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
				body: String(body),
				signal: request.signal
			});
		} catch {
			if (ws.readyState === ws.OPEN) ws.close(1011, 'The chat endpoint could not be reached.');
			return;
		}
		const end = await pipe(response, ws);
		// An answer over a WebSocket cannot be resumed: unless it completed, end its generation now
		// rather than after the registry's orphan timeout.
		const streamId = response.headers.get('x-stream-id');
		if (end !== 'complete' && streamId) {
			await fetch(`${endpoint}/${encodeURIComponent(streamId)}`, { method: 'DELETE' }).catch(
				() => {}
			);
		}
	});
}
