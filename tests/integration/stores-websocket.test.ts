// The stores over a WebSocket: `transport: websocketTransport(...)` against a real `ws` server that
// sends the kit's `text` protocol as SSE text in its frames (textEventStream + encodeSSE).
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket, { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { websocketTransport } from '../../src/lib/core/transport/websocket-transport.js';
import { encodeSSE } from '../../src/lib/server/encode.js';
import { textEventStream } from '../../src/lib/server/text-event-stream.js';
import { createChat } from '../../src/lib/svelte/chat.svelte.js';
import { createTokenStream } from '../../src/lib/svelte/token-stream.svelte.js';

type Behaviour = (socket: ServerSocket, request: unknown) => void | Promise<void>;

let wss: WebSocketServer;
let url: string;
// Runs once the client's first frame (its request body) arrives.
let behaviour: Behaviour = (socket) => socket.close();
const requests: unknown[] = [];
const closeCodes: number[] = [];

beforeAll(async () => {
	wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
	await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
	url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
	wss.on('connection', (socket) => {
		socket.on('close', (code) => closeCodes.push(code));
		socket.once('message', (data) => {
			const request: unknown = JSON.parse(String(data));
			requests.push(request);
			void behaviour(socket, request);
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

/** Sends `tokens` in the text protocol, one SSE event per frame, then `done` and a normal close. */
async function answer(socket: ServerSocket, tokens: string[]) {
	async function* source() {
		yield* tokens;
	}
	for await (const message of textEventStream(source())) socket.send(encodeSSE(message));
	socket.close(1000);
}

const transport = websocketTransport({ WebSocket, frames: 'sse' });

describe('createTokenStream with websocketTransport', () => {
	test('the body goes out on open, the answer streams in, status ends done with metrics', async () => {
		behaviour = (socket) => answer(socket, ['Hel', 'lo', ' 🙂']);
		const stream = createTokenStream({ url, transport, body: { prompt: 'Hi' } });
		const result = await stream.start();
		expect(result).toMatchObject({ text: 'Hello 🙂', finished: true, finishReason: 'stop' });
		expect(requests.at(-1)).toEqual({ prompt: 'Hi' });
		expect(stream.status).toBe('done');
		expect(stream.text).toBe('Hello 🙂');
		expect(stream.metrics.tokens).toBe(3);
	});

	test('stop() closes the socket with 1000 and keeps the partial text', async () => {
		closeCodes.length = 0;
		behaviour = (socket) => socket.send(encodeSSE({ data: 'so far' })); // then nothing
		const stream = createTokenStream({ url, transport, body: { prompt: 'Hi' } });
		const done = stream.start();
		await expect.poll(() => stream.text).toBe('so far');
		stream.stop();
		expect(stream.status).toBe('aborted');
		expect((await done).error?.code).toBe('aborted');
		expect(stream.text).toBe('so far');
		await expect.poll(() => closeCodes).toEqual([1000]);
	});

	test("the store's idleTimeoutMs reaches the socket: a stalled answer ends in idle_timeout", async () => {
		behaviour = (socket) => socket.send(encodeSSE({ data: 'stalled' })); // then nothing
		const stream = createTokenStream({
			url,
			transport,
			body: { prompt: 'Hi' },
			idleTimeoutMs: 150
		});
		await stream.start();
		expect(stream.status).toBe('error');
		expect(stream.text).toBe('stalled');
		expect(stream.error?.code).toBe('idle_timeout');
	});

	test("the store's maxEventBytes reaches the socket's SSE decoder", async () => {
		behaviour = (socket) => {
			socket.send(encodeSSE({ data: 'ok' }));
			socket.send(encodeSSE({ data: 'z'.repeat(100) }));
		};
		const stream = createTokenStream({ url, transport, body: { prompt: 'Hi' }, maxEventBytes: 50 });
		await stream.start();
		expect(stream.text).toBe('ok');
		expect(stream.error?.code).toBe('event_too_large');
	});

	test("websocketTransport's idleTimeoutMs applies when the request sets none", async () => {
		behaviour = () => {}; // opens, never sends
		const stream = createTokenStream({
			url,
			transport: websocketTransport({ WebSocket, frames: 'sse', idleTimeoutMs: 150 })
		});
		await stream.start();
		expect(stream.error?.code).toBe('idle_timeout');
	});

	test('an abnormal close is a disconnected error that keeps the partial text', async () => {
		behaviour = (socket) => {
			socket.send(encodeSSE({ data: 'Part' }));
			socket.close(1011, 'model crashed');
		};
		const stream = createTokenStream({ url, transport, body: { prompt: 'Hi' } });
		await stream.start();
		expect(stream.status).toBe('error');
		expect(stream.text).toBe('Part');
		expect(stream.error).toMatchObject({ code: 'disconnected', closeCode: 1011 });
	});
});

test('createChat over a WebSocket sends the conversation and streams the answer into it', async () => {
	behaviour = (socket) => answer(socket, ['Hi', ' there']);
	const chat = createChat({ url, transport });
	await chat.send('Hello');
	expect(requests.at(-1)).toEqual({ messages: [{ role: 'user', content: 'Hello' }] });
	expect(chat.status).toBe('done');
	expect(chat.messages.map((m) => [m.role, m.content])).toEqual([
		['user', 'Hello'],
		['assistant', 'Hi there']
	]);
});

describe('transport option', () => {
	test('a custom transport gets the options of this start(), getters read, and its result counts', async () => {
		const seen: Array<{ url: unknown; body: unknown; aborted: boolean }> = [];
		let n = 0;
		const stream = createTokenStream({
			url: () => `ws://example.test/${++n}`,
			body: () => ({ n }),
			transport: async (options) => {
				seen.push({ url: options.url, body: options.body, aborted: !!options.signal?.aborted });
				const snapshot = {
					text: 'fake',
					reasoning: '',
					toolCalls: [],
					finished: true,
					lastEventId: ''
				};
				options.onUpdate?.(snapshot);
				return snapshot;
			}
		});
		await stream.start();
		await stream.start();
		expect(seen).toEqual([
			{ url: 'ws://example.test/1', body: { n: 1 }, aborted: false },
			{ url: 'ws://example.test/2', body: { n: 2 }, aborted: false }
		]);
		expect(stream.status).toBe('done');
		expect(stream.text).toBe('fake');
	});

	test('bad values are refused where they are given', () => {
		expect(() =>
			createTokenStream({ url, transport: 'ws' as unknown as typeof transport })
		).toThrow(/`transport` must be a function/);
		expect(() => websocketTransport({ frames: 'json' as unknown as 'sse' })).toThrow(
			/`frames` is "data" or "sse", got "json"/
		);
		expect(() => websocketTransport({ idleTimeoutMs: -5 })).toThrow(
			/websocketTransport: `idleTimeoutMs` must be a positive number/
		);
		expect(() => websocketTransport({ maxEventBytes: 0 })).toThrow(
			/websocketTransport: `maxEventBytes` must be a positive number/
		);
	});
});
