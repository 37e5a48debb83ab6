// The built demo (adapter-node's handler) plus its WebSocket endpoint, on HOST:PORT.
// `node build` alone serves the same app without `/api/chat/ws`.
import { createServer } from 'node:http';
import { attachChatWebSocket, isChatSocket } from './chat-websocket.js';

// Both imported by URL: build/ (`vite build`) and dist/ (`svelte-package`) are generated, and may
// not exist yet when this file is type-checked. The package is typed from its source.
const { handler } = await import(new URL('../build/handler.js', import.meta.url).href);
/** @type {typeof import('../src/lib/server/index.js')} */
const { pipeResponseToWebSocket } = await import(
	new URL('../dist/server/index.js', import.meta.url).href
);
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';

const server = createServer(handler);
attachChatWebSocket(server, pipeResponseToWebSocket);
// With an `upgrade` listener, Node hands every upgrade request to it: refuse the other paths.
server.on('upgrade', (request, socket) => {
	if (!isChatSocket(request)) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
});
server.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
	process.on(signal, () => {
		server.closeAllConnections();
		server.close(() => process.exit(0));
	});
}
