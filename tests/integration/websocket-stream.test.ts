import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket, { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { readLLMStream } from '../../src/lib/core/read-llm-stream.js';
import { websocketStream } from '../../src/lib/core/transport/websocket-stream.js';
import type { SSEEvent } from '../../src/lib/core/sse/decode.js';
import { encodeSSE } from '../../src/lib/server/encode.js';
import { textEventStream } from '../../src/lib/server/text-event-stream.js';

type Behaviour = (socket: ServerSocket, firstMessage: Promise<string>) => void;

let wss: WebSocketServer;
let url: string;
let behaviour: Behaviour = (socket) => socket.close();
const closedByClient: number[] = [];

beforeAll(async () => {
	wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
	await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
	url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
	wss.on('connection', (socket) => {
		const firstMessage = new Promise<string>((resolve) =>
			socket.once('message', (data) => resolve(String(data)))
		);
		socket.on('close', (code) => closedByClient.push(code));
		behaviour(socket, firstMessage);
	});
});
afterAll(
	() =>
		new Promise<void>((resolve) => {
			for (const client of wss.clients) client.terminate();
			wss.close(() => resolve());
		})
);

const openAI = (content: string) =>
	JSON.stringify({ choices: [{ index: 0, delta: { content }, finish_reason: null }] });

describe('websocketStream against a real ws server', () => {
	test('one text frame is one event; the OpenAI reader works over it; send goes out as JSON', async () => {
		let received = '';
		behaviour = async (socket, first) => {
			received = await first;
			for (const piece of ['Hel', 'lo ', '🙂']) socket.send(openAI(piece));
			socket.send(Buffer.from('[DONE]'), { binary: true });
			socket.close(1000);
		};
		const result = await readLLMStream(
			websocketStream(url, { WebSocket, send: { messages: [{ role: 'user', content: 'Hi' }] } }),
			{ protocol: 'openai-chat' }
		);
		expect(result).toMatchObject({ text: 'Hello 🙂', finished: true });
		expect(JSON.parse(received)).toEqual({ messages: [{ role: 'user', content: 'Hi' }] });
	});

	test('yields SSE-shaped events', async () => {
		behaviour = (socket) => {
			socket.send('a');
			socket.send('b\nc');
			socket.close();
		};
		const events: SSEEvent[] = [];
		for await (const event of websocketStream(url, { WebSocket })) events.push(event);
		expect(events).toEqual([
			{ event: 'message', data: 'a', id: '' },
			{ event: 'message', data: 'b\nc', id: '' }
		]);
	});

	test('an abnormal close code is a disconnected StreamError with closeCode; text is kept', async () => {
		behaviour = (socket) => {
			socket.send(
				JSON.stringify({
					type: 'content_block_delta',
					index: 0,
					delta: { type: 'text_delta', text: 'Part' }
				})
			);
			socket.close(1011, 'model crashed');
		};
		const result = await readLLMStream(websocketStream(url, { WebSocket }), {
			protocol: 'anthropic-messages'
		});
		expect(result.text).toBe('Part');
		expect(result.error).toMatchObject({ code: 'disconnected', closeCode: 1011 });
		expect(result.error?.message).toContain('model crashed');
	});

	test('a normal close before the end marker is an unfinished answer', async () => {
		behaviour = (socket) => {
			socket.send(JSON.stringify({ type: 'text-delta', id: '1', delta: 'Hi' }));
			socket.close(1000);
		};
		const result = await readLLMStream(websocketStream(url, { WebSocket }), {
			protocol: 'ai-sdk-ui'
		});
		expect(result).toMatchObject({ text: 'Hi', finished: false });
		expect(result.error?.code).toBe('disconnected');
	});

	test('abort closes the socket and resolves with the partial text', async () => {
		closedByClient.length = 0;
		behaviour = (socket) => socket.send(openAI('so far')); // then nothing
		const controller = new AbortController();
		const result = await readLLMStream(
			websocketStream(url, { WebSocket, signal: controller.signal }),
			{
				protocol: 'openai-chat',
				signal: controller.signal,
				onUpdate: () => controller.abort()
			}
		);
		expect(result.text).toBe('so far');
		expect(result.error?.code).toBe('aborted');
		await expect.poll(() => closedByClient).toEqual([1000]);
	});

	test('idleTimeoutMs: a socket silent that long ends with idle_timeout, text kept, socket closed', async () => {
		closedByClient.length = 0;
		behaviour = (socket) => {
			socket.send(openAI('early'));
			setTimeout(() => socket.readyState === socket.OPEN && socket.send(openAI(' late')), 60);
		}; // then nothing
		const result = await readLLMStream(websocketStream(url, { WebSocket, idleTimeoutMs: 150 }), {
			protocol: 'openai-chat'
		});
		expect(result.text).toBe('early late');
		expect(result.error?.code).toBe('idle_timeout');
		expect(result.error?.message).toContain('150 ms');
		await expect.poll(() => closedByClient).toEqual([1000]);
	});

	test('idleTimeoutMs: every frame restarts the wait, so a slow but steady stream completes', async () => {
		behaviour = async (socket) => {
			for (const piece of ['a', 'b', 'c', 'd', 'e']) {
				await new Promise((resolve) => setTimeout(resolve, 60));
				socket.send(openAI(piece));
			}
			socket.send('[DONE]');
			socket.close(1000);
		};
		const result = await readLLMStream(websocketStream(url, { WebSocket, idleTimeoutMs: 200 }), {
			protocol: 'openai-chat'
		});
		expect(result).toMatchObject({ text: 'abcde', finished: true });
		expect(result.error).toBeUndefined();
	});

	test('idleTimeoutMs: Infinity never times out (a timer would fire it at once)', async () => {
		behaviour = async (socket) => {
			await new Promise((resolve) => setTimeout(resolve, 60));
			socket.send(openAI('late'));
			socket.send('[DONE]');
			socket.close(1000);
		};
		const result = await readLLMStream(
			websocketStream(url, { WebSocket, idleTimeoutMs: Infinity }),
			{
				protocol: 'openai-chat'
			}
		);
		expect(result.error).toBeUndefined();
		expect(result).toMatchObject({ text: 'late', finished: true });
	});

	test('idleTimeoutMs must be a positive number', () => {
		for (const idleTimeoutMs of [0, -1, Number.NaN, '100' as unknown as number]) {
			expect(() => websocketStream(url, { WebSocket, idleTimeoutMs })).toThrow(
				/idleTimeoutMs` must be a positive number/
			);
		}
	});

	test('a connection that cannot open is a network error', async () => {
		const result = await readLLMStream(websocketStream('ws://127.0.0.1:1', { WebSocket }), {
			protocol: 'text'
		});
		expect(result.error?.code).toBe('network');
	});

	test('without a WebSocket constructor the TypeError names the fix', () => {
		const original = (globalThis as { WebSocket?: unknown }).WebSocket;
		(globalThis as { WebSocket?: unknown }).WebSocket = undefined;
		try {
			expect(() => websocketStream(url)).toThrow(/websocketStream\(url, \{ WebSocket \}\)/);
		} finally {
			(globalThis as { WebSocket?: unknown }).WebSocket = original;
		}
	});
});

describe('frames: "sse" (SSE text in the frames)', () => {
	test('the text protocol ends with its done event: the server sends textEventStream, encoded', async () => {
		behaviour = async (socket) => {
			async function* tokens() {
				yield* ['Hel', 'lo', ' 🙂'];
			}
			for await (const message of textEventStream(tokens())) socket.send(encodeSSE(message));
			socket.close(1000);
		};
		const result = await readLLMStream(websocketStream(url, { WebSocket, frames: 'sse' }), {
			protocol: 'text'
		});
		expect(result).toMatchObject({ text: 'Hello 🙂', finished: true, finishReason: 'stop' });
		expect(result.error).toBeUndefined();
		expect(result.lastEventId).toBe('4');
	});

	test('events and characters cut across binary frames arrive whole, with types, ids and multi-line data', async () => {
		const wire = Buffer.from(
			'id: 7\nevent: note\ndata: déjà\ndata: vu 🙂\n\n: a comment\ndata: second\r\n\r\n'
		);
		const emoji = wire.indexOf(Buffer.from('🙂'));
		behaviour = (socket) => {
			// Cuts inside the id line, inside the emoji's four bytes, and between CR and LF.
			const crlf = wire.indexOf('\r\n\r\n') + 1;
			for (const [from, to] of [
				[0, 3],
				[3, emoji + 2],
				[emoji + 2, crlf],
				[crlf, wire.length]
			]) {
				socket.send(wire.subarray(from, to), { binary: true });
			}
			socket.close(1000);
		};
		const events: SSEEvent[] = [];
		for await (const event of websocketStream(url, { WebSocket, frames: 'sse' })) {
			events.push(event);
		}
		expect(events).toEqual([
			{ event: 'note', data: 'déjà\nvu 🙂', id: '7' },
			{ event: 'message', data: 'second', id: '7' }
		]);
	});

	test('an event without its blank line when the socket closes is dropped, as at the end of a body', async () => {
		behaviour = (socket) => {
			socket.send('data: whole\n\ndata: cut');
			socket.close(1000);
		};
		const events: SSEEvent[] = [];
		for await (const event of websocketStream(url, { WebSocket, frames: 'sse' })) {
			events.push(event);
		}
		expect(events.map((e) => e.data)).toEqual(['whole']);
	});

	test('an event over maxEventBytes ends the stream with event_too_large and closes the socket', async () => {
		closedByClient.length = 0;
		behaviour = (socket) => {
			socket.send(`data: ${'x'.repeat(64)}\n\n`);
		};
		const result = await readLLMStream(
			websocketStream(url, { WebSocket, frames: 'sse', maxEventBytes: 16 }),
			{ protocol: 'text' }
		);
		expect(result.error?.code).toBe('event_too_large');
		await expect.poll(() => closedByClient).toEqual([1000]);
	});

	test('a data frame over maxEventBytes ends with event_too_large too, text before it kept', async () => {
		const closes: number[] = [];
		behaviour = (socket) => {
			socket.on('close', (code) => closes.push(code));
			socket.send(openAI('kept'));
			socket.send(openAI('x'.repeat(200)));
		};
		const result = await readLLMStream(websocketStream(url, { WebSocket, maxEventBytes: 100 }), {
			protocol: 'openai-chat'
		});
		expect(result.error?.code).toBe('event_too_large');
		expect(result.text).toBe('kept');
		await expect.poll(() => closes).toEqual([1000]);
	});

	test('maxEventBytes must be a positive number', () => {
		expect(() => websocketStream(url, { WebSocket, maxEventBytes: 0 })).toThrow(
			/websocketStream: `maxEventBytes` must be a positive number/
		);
	});

	test('an unknown frames value is refused with the choices', () => {
		expect(() => websocketStream(url, { WebSocket, frames: 'json' as unknown as 'sse' })).toThrow(
			/`frames` is "data" or "sse", got "json"/
		);
	});
});
