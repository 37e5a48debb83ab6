import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDemoServer, type DemoServer } from '../helpers/demo-server.js';
import { rawRequest, decodeSSE } from '../helpers/sse-client.js';

let demo: DemoServer;
beforeAll(async () => {
	demo = await startDemoServer();
}, 120_000);
afterAll(() => demo?.stop());

const json = { 'content-type': 'application/json' };
const chat = (content: string, extra: object = {}) =>
	JSON.stringify({ messages: [{ role: 'user', content }], ...extra });

describe('POST /api/chat (built demo, real socket)', () => {
	test('streams the answer token by token as text-protocol SSE, unbuffered', async () => {
		const delayMs = 150;
		let firstEventAt = 0;
		let bodyWhenFirstEventArrived = '';
		let received = '';
		const response = await rawRequest(
			`${demo.url}/api/chat`,
			{
				method: 'POST',
				headers: json,
				body: chat('echo: one two three four five six', { delayMs })
			},
			(chunk) => {
				received += chunk.text;
				if (!firstEventAt && received.includes('\n\n')) {
					firstEventAt = chunk.at;
					bodyWhenFirstEventArrived = received;
				}
			}
		);

		expect(response.status).toBe(200);
		expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
		expect(response.headers['cache-control']).toMatch(/no-cache/);
		expect(response.headers['content-length']).toBeUndefined();

		const events = decodeSSE(response.body);
		const deltas = events.filter((e) => e.event === 'message').map((e) => e.data);
		expect(deltas).toEqual(['one', ' two', ' three', ' four', ' five', ' six']);
		expect(events.at(-1)?.event).toBe('done');
		// A leading space survives the wire: it is sent after the one space the decoder strips.
		expect(response.body).toContain('data:  two\n');

		// When the first event arrived the generator had not yet produced the rest of the answer:
		// the body held no `done`, and the last event came at least five more token delays later.
		expect(bodyWhenFirstEventArrived).not.toContain('event: done');
		const doneChunk = response.chunks.find((c) => c.text.includes('event: done'))!;
		expect(doneChunk.at - firstEventAt).toBeGreaterThanOrEqual(5 * delayMs * 0.9);
	});

	test('answers the canned markdown answer by default with a per-token delay', async () => {
		const response = await rawRequest(`${demo.url}/api/chat`, {
			method: 'POST',
			headers: json,
			body: chat('Explain streaming', { delayMs: 0 })
		});
		const text = decodeSSE(response.body)
			.filter((e) => e.event === 'message')
			.map((e) => e.data)
			.join('');
		expect(text).toContain('## Streaming, explained');
		expect(text).toContain('```ts');
		expect(decodeSSE(response.body).filter((e) => e.event === 'message').length).toBeGreaterThan(
			50
		);
	});
});

describe('bad input to /api/chat gets a 4xx JSON error, never a 500 or a hang', () => {
	const big = chat('x'.repeat(70 * 1024));
	const cases: Array<{
		name: string;
		method?: string;
		headers?: Record<string, string>;
		body?: BodyInit;
		status: number;
		code: string;
	}> = [
		{ name: 'not JSON', body: 'not json {', status: 400, code: 'invalid_json' },
		{ name: 'empty body', body: '', status: 400, code: 'invalid_json' },
		{ name: 'a JSON array', body: '[]', status: 400, code: 'invalid_request' },
		{ name: 'no messages', body: '{}', status: 400, code: 'invalid_messages' },
		{
			name: 'messages not an array',
			body: '{"messages":"hi"}',
			status: 400,
			code: 'invalid_messages'
		},
		{ name: 'empty messages', body: '{"messages":[]}', status: 400, code: 'invalid_messages' },
		{
			name: 'unknown role',
			body: '{"messages":[{"role":"robot","content":"hi"}]}',
			status: 400,
			code: 'invalid_messages'
		},
		{
			name: 'content not a string',
			body: '{"messages":[{"role":"user","content":42}]}',
			status: 400,
			code: 'invalid_messages'
		},
		{ name: 'oversized body (content-length)', body: big, status: 413, code: 'body_too_large' },
		{
			name: 'oversized body (chunked, no content-length)',
			body: new Blob([big]).stream(),
			status: 413,
			code: 'body_too_large'
		},
		{ name: 'GET', method: 'GET', status: 405, code: 'method_not_allowed' },
		{ name: 'PUT', method: 'PUT', body: chat('hi'), status: 405, code: 'method_not_allowed' },
		{ name: 'DELETE', method: 'DELETE', status: 405, code: 'method_not_allowed' },
		{
			name: 'a cross-site form post',
			headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
			body: chat('hi'),
			status: 403,
			code: 'cross_site_form'
		}
	];

	test.each(cases)('$name → $status $code', async ({ method, headers, body, status, code }) => {
		const response = await fetch(`${demo.url}/api/chat`, {
			method: method ?? 'POST',
			headers: headers ?? json,
			body,
			signal: AbortSignal.timeout(10_000),
			// @ts-expect-error Node's fetch needs `duplex` for a streamed request body.
			duplex: 'half'
		});
		expect(response.status).toBe(status);
		expect(response.headers.get('content-type')).toMatch(/^application\/json/);
		const payload = await response.json();
		expect(payload).toEqual({ error: { code, message: expect.any(String) } });
		expect(payload.error.message.length).toBeGreaterThan(0);
	});

	test('a same-origin form-type post is served (adapter-node calls a plain-HTTP request https:)', async () => {
		for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
			const response = await fetch(`${demo.url}/api/chat`, {
				method: 'POST',
				headers: { 'content-type': type, origin: demo.url },
				body: chat('hi'),
				signal: AbortSignal.timeout(10_000)
			});
			expect(response.status, type).toBe(200);
			await response.body?.cancel();
		}
	});

	test('Origin: null (a sandboxed frame) counts as cross-site', async () => {
		const response = await fetch(`${demo.url}/api/chat`, {
			method: 'POST',
			headers: { 'content-type': 'text/plain', origin: 'null' },
			body: chat('hi'),
			signal: AbortSignal.timeout(10_000)
		});
		expect(response.status).toBe(403);
	});
});

describe('the WebSocket gateway, /api/chat/ws', () => {
	test('a first frame over its 64 KiB limit closes that socket with 1009; the server lives on', async () => {
		const socket = new WebSocket(`${demo.url.replace(/^http/, 'ws')}/api/chat/ws`);
		await new Promise((resolve, reject) => {
			socket.once('open', resolve);
			socket.once('error', reject);
		});
		const closed = new Promise<number>((resolve) => socket.once('close', resolve));
		socket.on('error', () => {}); // the client may see the reset too
		socket.send(chat('x'.repeat(70_000)));
		expect(await closed).toBe(1009);
		const after = await fetch(`${demo.url}/api/chat`, {
			method: 'POST',
			headers: json,
			body: chat('echo: still here', { delayMs: 0 }),
			signal: AbortSignal.timeout(10_000)
		});
		expect(after.status).toBe(200);
		expect(await after.text()).toContain('still');
	});
});
