// A real node:http server on 127.0.0.1:0 that runs a Fetch-API handler (Request → Response), the
// way SvelteKit's node adapter does: the body is written chunk by chunk as the stream yields, and the
// request's signal aborts when the client goes away.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type FetchHandler = (request: Request) => Response | Promise<Response>;

export interface WebServer {
	url: string;
	server: Server;
	close(): Promise<void>;
}

function toRequest(req: IncomingMessage, res: ServerResponse, base: string): Request {
	const controller = new AbortController();
	res.on('close', () => {
		if (!res.writableFinished) controller.abort();
	});
	const headers = new Headers();
	for (const [name, value] of Object.entries(req.headers)) {
		if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
		else if (value !== undefined) headers.set(name, value);
	}
	const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
	return new Request(new URL(req.url ?? '/', base), {
		method: req.method,
		headers,
		signal: controller.signal,
		body: hasBody ? (ReadableStreamFromNode(req) as BodyInit) : undefined,
		// @ts-expect-error Node's fetch needs `duplex` for a streamed request body.
		duplex: hasBody ? 'half' : undefined
	});
}

function ReadableStreamFromNode(req: IncomingMessage): ReadableStream<Uint8Array> {
	return new ReadableStream({
		start(controller) {
			req.on('data', (chunk: Buffer) => controller.enqueue(new Uint8Array(chunk)));
			req.on('end', () => controller.close());
			req.on('error', (error) => controller.error(error));
		}
	});
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
	res.writeHead(response.status, Object.fromEntries(response.headers));
	if (!response.body) return void res.end();
	const reader = response.body.getReader();
	res.on('close', () => reader.cancel().catch(() => {}));
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			res.write(value);
		}
		res.end();
	} catch {
		res.destroy();
	}
}

export function startWebServer(handler: FetchHandler): Promise<WebServer> {
	return new Promise((resolve) => {
		const server = createServer(async (req, res) => {
			const base = `http://${req.headers.host}`;
			try {
				await writeResponse(res, await handler(toRequest(req, res, base)));
			} catch (error) {
				res.statusCode = 500;
				res.end(String(error));
			}
		});
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			resolve({
				url: `http://127.0.0.1:${port}`,
				server,
				close: () =>
					new Promise<void>((done) => {
						server.closeAllConnections();
						server.close(() => done());
					})
			});
		});
	});
}
