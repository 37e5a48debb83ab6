// pipeResponseToWebSocket on a real `ws` server, read by the kit's own WebSocket client
// (websocketStream with frames: 'sse'): the same sseResponse an HTTP endpoint returns, over a socket.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket, { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { readLLMStream } from '../../src/lib/core/read-llm-stream.js';
import { websocketStream } from '../../src/lib/core/transport/websocket-stream.js';
import { sseResponse } from '../../src/lib/server/sse-response.js';
import { textEventStream } from '../../src/lib/server/text-event-stream.js';
import { pipeResponseToWebSocket, type WebSocketPipeEnd } from '../../src/lib/server/websocket.js';

/** What the server answers to a connection's first message. */
let respond: (request: string) => Response = () => new Response(null);
let ends: WebSocketPipeEnd[] = [];
let wss: WebSocketServer;
let url: string;

beforeAll(async () => {
	wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
	await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
	url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
	wss.on('connection', (socket: ServerSocket) => {
		socket.once('message', async (data) => {
			ends.push(await pipeResponseToWebSocket(respond(String(data)), socket));
		});
	});
});
afterAll(
	() =>
		new Promise<void>((resolve) => {
			for (const client of wss.clients) client.terminate();
			wss.close(() => resolve());
		})
);

const read = (signal?: AbortSignal, onUpdate?: (text: string) => void) =>
	readLLMStream(
		websocketStream(url, { WebSocket, frames: 'sse', send: { prompt: 'Hi' }, signal }),
		{
			protocol: 'text',
			signal,
			onUpdate: (snapshot) => onUpdate?.(snapshot.text)
		}
	);

/** A generator of `count` tokens, `ms` apart, that logs how it ended. */
function tokens(count: number, ms: number, log: string[]) {
	return (async function* () {
		try {
			for (let i = 0; i < count; i++) {
				if (ms) await new Promise((resolve) => setTimeout(resolve, ms));
				yield `t${i} `;
			}
			log.push('completed');
		} finally {
			log.push('finally');
		}
	})();
}

describe('pipeResponseToWebSocket', () => {
	test("an sseResponse arrives whole over the socket, ending with the text protocol's done", async () => {
		ends = [];
		const log: string[] = [];
		let request = '';
		respond = (body) => {
			request = body;
			return sseResponse(textEventStream(tokens(200, 0, log)));
		};
		const result = await read();
		const expected = Array.from({ length: 200 }, (_, i) => `t${i} `).join('');
		expect(result).toMatchObject({ text: expected, finished: true });
		expect(result.error).toBeUndefined();
		expect(JSON.parse(request)).toEqual({ prompt: 'Hi' });
		await expect.poll(() => ends).toEqual(['complete']);
		expect(log).toEqual(['completed', 'finally']);
	});

	test("the client closing mid-answer cancels the body, so the source's finally runs", async () => {
		ends = [];
		const log: string[] = [];
		respond = () => sseResponse(textEventStream(tokens(10_000, 5, log)));
		const controller = new AbortController();
		const result = await read(controller.signal, (text) => {
			if (text.length > 20) controller.abort();
		});
		expect(result.error?.code).toBe('aborted');
		expect(result.text.startsWith('t0 t1 ')).toBe(true);
		await expect.poll(() => ends).toEqual(['client-closed']);
		await expect.poll(() => log).toEqual(['finally']);
	});

	test('a non-2xx response closes with 4000 + status and an excerpt of its body', async () => {
		ends = [];
		respond = () =>
			new Response(JSON.stringify({ error: { message: 'Slow down' } }), { status: 429 });
		const result = await read();
		expect(result.error).toMatchObject({ code: 'disconnected', closeCode: 4429 });
		expect(result.error?.message).toContain('429 {"error":{"message":"Slow down"}}');
		await expect.poll(() => ends).toEqual(['refused']);
	});

	test('a body that breaks off closes with 1011; the text so far is kept', async () => {
		ends = [];
		const encoder = new TextEncoder();
		respond = () =>
			new Response(
				new ReadableStream<Uint8Array>({
					start(controller) {
						controller.enqueue(encoder.encode('data: partial\n\n'));
						setTimeout(() => controller.error(new Error('upstream socket reset')), 20);
					}
				})
			);
		const result = await read();
		expect(result.text).toBe('partial');
		expect(result.error).toMatchObject({ code: 'disconnected', closeCode: 1011 });
		await expect.poll(() => ends).toEqual(['broken']);
	});
});
