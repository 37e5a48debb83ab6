// pipeResponseToWebSocket with a fake socket: back-pressure, close reasons, bad input. The real
// socket path is tests/integration/server-websocket.test.ts.
import { describe, expect, test } from 'vitest';
import {
	pipeResponseToWebSocket,
	type ServerWebSocketLike
} from '../../../src/lib/server/websocket.js';

function fakeSocket() {
	const listeners = new Set<() => void>();
	const socket = {
		readyState: 1,
		bufferedAmount: 0,
		sent: [] as string[],
		closed: null as null | { code?: number; reason?: string },
		send(data: Uint8Array) {
			this.sent.push(new TextDecoder().decode(data));
		},
		close(code?: number, reason?: string) {
			this.closed = { code, reason };
			this.readyState = 3;
		},
		addEventListener(_type: 'close', listener: () => void) {
			listeners.add(listener);
		},
		removeEventListener(_type: 'close', listener: () => void) {
			listeners.delete(listener);
		},
		/** The client goes away. */
		closeFromClient() {
			this.readyState = 3;
			for (const listener of [...listeners]) listener();
		},
		listeners
	};
	return socket satisfies ServerWebSocketLike;
}

/** A body whose chunks are pulled one at a time; `pulls` counts how many were asked for. */
function countedBody(chunks: string[]) {
	const state = { pulls: 0, cancelled: false };
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>(
		{
			pull(controller) {
				const chunk = chunks[state.pulls++];
				if (chunk === undefined) controller.close();
				else controller.enqueue(encoder.encode(chunk));
			},
			cancel() {
				state.cancelled = true;
			}
		},
		{ highWaterMark: 0 }
	);
	return { body, state };
}

describe('pipeResponseToWebSocket (fake socket)', () => {
	test('sends each chunk as a frame, closes with 1000, and lets go of its listener', async () => {
		const socket = fakeSocket();
		const { body } = countedBody(['a', 'b', 'c']);
		expect(await pipeResponseToWebSocket(new Response(body), socket)).toBe('complete');
		expect(socket.sent).toEqual(['a', 'b', 'c']);
		expect(socket.closed).toEqual({ code: 1000, reason: undefined });
		expect(socket.listeners.size).toBe(0);
	});

	test('pauses reading while more than highWaterMark bytes are queued', async () => {
		const socket = fakeSocket();
		const { body, state } = countedBody(['a', 'b', 'c']);
		socket.bufferedAmount = 100;
		const done = pipeResponseToWebSocket(new Response(body), socket, { highWaterMark: 10 });
		await new Promise((resolve) => setTimeout(resolve, 60));
		// The first frame went out; with the queue over the mark nothing more was read.
		expect(socket.sent).toEqual(['a']);
		expect(state.pulls).toBe(1);
		socket.bufferedAmount = 0;
		expect(await done).toBe('complete');
		expect(socket.sent).toEqual(['a', 'b', 'c']);
	});

	test('a client gone while the queue drains ends the pipe and cancels the body', async () => {
		const socket = fakeSocket();
		const { body, state } = countedBody(['a', 'b']);
		socket.bufferedAmount = 100;
		const done = pipeResponseToWebSocket(new Response(body), socket, { highWaterMark: 10 });
		await new Promise((resolve) => setTimeout(resolve, 30));
		socket.closeFromClient();
		expect(await done).toBe('client-closed');
		expect(state.cancelled).toBe(true);
		expect(socket.closed).toBeNull();
	});

	test('a socket already closed sends nothing and cancels the body', async () => {
		const socket = fakeSocket();
		socket.readyState = 3;
		const { body, state } = countedBody(['a']);
		expect(await pipeResponseToWebSocket(new Response(body), socket)).toBe('client-closed');
		expect(socket.sent).toEqual([]);
		expect(state.cancelled).toBe(true);
	});

	test('a long error body is cut to a 123-byte reason, never inside a character', async () => {
		// Padded 0–3 bytes, so the cut falls at every position within the 4-byte emoji.
		for (const pad of ['', 'x', 'xx', 'xxx']) {
			const socket = fakeSocket();
			const response = new Response(pad + '🙂'.repeat(60), { status: 503 });
			expect(await pipeResponseToWebSocket(response, socket)).toBe('refused');
			expect(socket.closed?.code).toBe(4503);
			const reason = socket.closed?.reason ?? '';
			expect(new TextEncoder().encode(reason).length).toBeLessThanOrEqual(123);
			expect(reason.startsWith(`503 ${pad}🙂🙂`)).toBe(true);
			expect(reason.endsWith('🙂…')).toBe(true);
		}
	});

	test('a redirect is refused too, with 4000 + its status', async () => {
		const socket = fakeSocket();
		const response = new Response('moved', { status: 302, headers: { location: '/x' } });
		expect(await pipeResponseToWebSocket(response, socket)).toBe('refused');
		expect(socket.closed).toMatchObject({ code: 4302, reason: '302 moved' });
	});

	test('a response without a body closes with 1000', async () => {
		const socket = fakeSocket();
		expect(await pipeResponseToWebSocket(new Response(null), socket)).toBe('complete');
		expect(socket.closed?.code).toBe(1000);
	});

	test('bad input is a TypeError that says what is expected', async () => {
		const socket = fakeSocket();
		await expect(pipeResponseToWebSocket('data: x' as unknown as Response, socket)).rejects.toThrow(
			/takes a Response/
		);
		await expect(
			pipeResponseToWebSocket(new Response(null), {} as ServerWebSocketLike)
		).rejects.toThrow(/needs a WebSocket/);
		await expect(
			pipeResponseToWebSocket(new Response(null), socket, { highWaterMark: -1 })
		).rejects.toThrow(/highWaterMark must be a number of bytes/);
	});
});
