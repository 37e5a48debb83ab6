// stop() and a superseding start() must really close the connection, so the server can stop
// generating (and stop paying for) an answer nobody reads. A plain node:http server records it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTokenStream } from '../../src/lib/svelte/token-stream.svelte.js';

interface Exchange {
	body: string;
	closedByClient: Promise<void>;
	res: ServerResponse;
}
let server: Server;
let url: string;
const exchanges: Exchange[] = [];
let onExchange: (exchange: Exchange) => void = () => {};

beforeAll(async () => {
	server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
		let body = '';
		for await (const chunk of req) body += chunk;
		res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
		const closedByClient = new Promise<void>((resolve) =>
			res.on('close', () => {
				if (!res.writableEnded) resolve();
			})
		);
		const exchange = { body, closedByClient, res };
		exchanges.push(exchange);
		onExchange(exchange);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as { port: number }).port}/stream`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});

const nextExchange = () => new Promise<Exchange>((resolve) => (onExchange = resolve));

test('stop() closes the connection: the server sees the client disconnect', async () => {
	const stream = createTokenStream({ url, reconnect: false });
	const arriving = nextExchange();
	const done = stream.start({ body: { n: 1 } });
	const exchange = await arriving;
	exchange.res.write('data: partial\n\n');
	await new Promise<void>((resolve) => {
		const check = () => (stream.text === 'partial' ? resolve() : setTimeout(check, 5));
		check();
	});
	stream.stop();
	await exchange.closedByClient; // the test times out if the socket stays open
	const result = await done;
	expect(result.error?.code).toBe('aborted');
	expect(stream.status).toBe('aborted');
	expect(stream.text).toBe('partial');
});

test('start() while running closes the old connection before the new request', async () => {
	const stream = createTokenStream({ url, reconnect: false });
	const first = nextExchange();
	void stream.start({ body: { n: 'old' } });
	const old = await first;
	const second = nextExchange();
	const done = stream.start({ body: { n: 'new' } });
	await old.closedByClient;
	const fresh = await second;
	expect(JSON.parse(fresh.body)).toEqual({ n: 'new' });
	old.res.write('data: stale\n\n'); // written into a closed socket: must not show up
	fresh.res.end('data: fresh\n\nevent: done\ndata: stop\n\n');
	await done;
	expect(stream.status).toBe('done');
	expect(stream.text).toBe('fresh');
});
