// A node:http server on 127.0.0.1:0 whose handler writes raw bytes, so tests can drop sockets
// mid-event, stall, and send any status or content type. Every request is recorded.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
	body: string;
	/** Resolves when the client has gone away or the response finished. */
	closed: Promise<void>;
}

export type RawHandler = (request: RecordedRequest, res: ServerResponse, index: number) => unknown;

export interface RawServer {
	url: string;
	requests: RecordedRequest[];
	/** Replaces the handler (tests share one server). */
	handle(handler: RawHandler): void;
	close(): Promise<void>;
}

export async function startRawServer(): Promise<RawServer> {
	let handler: RawHandler = (_, res) => res.end();
	const requests: RecordedRequest[] = [];
	const sockets = new Set<import('node:net').Socket>();
	const server: Server = createServer(async (req, res) => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const closed = new Promise<void>((resolve) => res.once('close', () => resolve()));
		const recorded: RecordedRequest = {
			method: req.method ?? '',
			url: req.url ?? '',
			headers: req.headers,
			body: Buffer.concat(chunks).toString('utf8'),
			closed
		};
		requests.push(recorded);
		try {
			await handler(recorded, res, requests.length - 1);
		} catch {
			res.destroy();
		}
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		handle(next) {
			handler = next;
			requests.length = 0;
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			})
	};
}

export const SSE_HEADERS = {
	'content-type': 'text/event-stream; charset=utf-8',
	'cache-control': 'no-cache'
};

/** Writes `text` and waits until it is flushed to the socket. */
export function write(res: ServerResponse, text: string | Uint8Array): Promise<void> {
	return new Promise((resolve, reject) =>
		res.write(text, (error) => (error ? reject(error) : resolve()))
	);
}
