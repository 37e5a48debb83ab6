// The demo's mock LLM over a real socket (`node build`): answers, protocols and every fault.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type SSEEvent } from '../../src/lib/core/sse/decode.js';
import { startBuiltDemo, type BuiltDemo } from './server-demo.js';
import { decodeSSE } from '../helpers/sse-client.js';

let demo: BuiltDemo;
beforeAll(async () => {
	demo = await startBuiltDemo({ CHAT_ORPHAN_TIMEOUT_MS: '300' });
}, 180_000);
afterAll(() => demo?.stop());

const post = (body: object, query = '', init: RequestInit = {}) =>
	fetch(`${demo.url}/api/chat${query}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(15_000),
		...init
	});

const user = (content: string) => [{ role: 'user', content }];

const textOf = (events: SSEEvent[]) =>
	events
		.filter((e) => e.event === 'message')
		.map((e) => e.data)
		.join('');

describe('answers', () => {
	test.each([
		[
			'the default answer: heading, list, code fence, table, link',
			'hi',
			[/^## /m, /^- /m, /```ts/, /\| --- \|/, /\]\(https:/]
		],
		['a table', 'show me a table', [/^### /m, /\| Protocol \|/, /^1\. /m]],
		['code', 'write some code', [/```ts/, /```js/, /\*plain JavaScript\*/]]
	])('%s, the same every time', async (_name, prompt, patterns) => {
		const [a, b] = await Promise.all(
			[0, 1].map(async () =>
				textOf(decodeSSE(await (await post({ messages: user(prompt), delayMs: 0 })).text()))
			)
		);
		expect(a).toBe(b);
		for (const pattern of patterns) expect(a).toMatch(pattern);
	});

	test('a weather question calls a tool (event: tool-call in the text protocol)', async () => {
		const events = decodeSSE(
			await (await post({ messages: user("What's the weather in Oslo?"), delayMs: 0 })).text()
		);
		const call = events.find((e) => e.event === 'tool-call');
		expect(JSON.parse(call!.data)).toEqual({
			id: 'call_weather_1',
			name: 'get_weather',
			input: { city: 'Oslo' },
			output: { city: 'Oslo', temperatureC: 18, sky: 'clear' }
		});
		expect(textOf(events)).toBe(
			'Let me look up the weather in Oslo.\n\nIt is **18 °C** and clear in Oslo.'
		);
	});

	test('UI messages with parts are accepted as well as { role, content }', async () => {
		const response = await post({
			messages: [
				{
					id: 'u1',
					role: 'user',
					parts: [
						{ type: 'text', text: 'echo: from ' },
						{ type: 'step-start' },
						{ type: 'text', text: 'parts' }
					]
				}
			],
			delayMs: 0
		});
		expect(textOf(decodeSSE(await response.text()))).toBe('from parts');
	});
});

describe('protocol ai-sdk-ui', () => {
	test('sends the UI message stream with its header, ending in [DONE]', async () => {
		const response = await post({ messages: user('echo: a b'), delayMs: 0 }, '?protocol=ai-sdk-ui');
		expect(response.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
		const events = decodeSSE(await response.text());
		expect(events.at(-1)?.data).toBe('[DONE]');
		const chunks = events.slice(0, -1).map((e) => JSON.parse(e.data));
		expect(chunks.map((c) => c.type)).toEqual([
			'start',
			'start-step',
			'text-start',
			'text-delta',
			'text-delta',
			'text-end',
			'finish-step',
			'finish'
		]);
		expect(
			chunks
				.filter((c) => c.type === 'text-delta')
				.map((c) => c.delta)
				.join('')
		).toBe('a b');
	});
});

describe('faults', () => {
	test('error-after:N sends N events, then a safe error event, and ends cleanly', async () => {
		const response = await post({
			messages: user('echo: a b c d e'),
			delayMs: 0,
			fault: 'error-after:2'
		});
		const events = decodeSSE(await response.text()); // rejects if the body broke instead of ending
		expect(events.map((e) => e.event)).toEqual(['message', 'message', 'error']);
		expect(events[2].data).toBe('The mock model failed after 2 events (injected error-after:2).');
	});

	test('error-after:N in ai-sdk-ui is an error chunk', async () => {
		const events = decodeSSE(
			await (
				await post({
					messages: user('echo: a b c'),
					delayMs: 0,
					fault: 'error-after:3',
					protocol: 'ai-sdk-ui'
				})
			).text()
		);
		expect(JSON.parse(events.at(-1)!.data)).toEqual({
			type: 'error',
			errorText: 'The mock model failed after 3 events (injected error-after:3).'
		});
	});

	test('status:500 answers 500 with a JSON error', async () => {
		const response = await post({ messages: user('hi') }, '?fault=status:500');
		expect(response.status).toBe(500);
		expect(await response.json()).toEqual({
			error: { code: 'mock_fault', message: expect.any(String) }
		});
	});

	test('status:429 answers 429 with Retry-After', async () => {
		const response = await post({ messages: user('hi'), fault: 'status:429' });
		expect(response.status).toBe(429);
		expect(response.headers.get('retry-after')).toBe('1');
		expect((await response.json()).error.code).toBe('mock_fault');
	});

	test('stall-after:N sends N events, then keeps the socket open and silent', async () => {
		const abort = new AbortController();
		const response = await post(
			{ messages: user('echo: a b c d e'), delayMs: 0, fault: 'stall-after:2' },
			'',
			{ signal: abort.signal }
		);
		const streamId = response.headers.get('x-stream-id')!;
		const reader = response.body!.getReader();
		let body = '';
		while (decodeSSE(body).length < 2)
			body += new TextDecoder().decode((await reader.read()).value);
		// Nothing more arrives, and the body does not end, until the client gives up.
		const next = reader.read().then((r) => (r.done ? 'ended' : 'data'));
		const waited = await Promise.race([
			next,
			new Promise((r) => setTimeout(() => r('silent'), 600))
		]);
		expect(waited).toBe('silent');
		abort.abort();
		await next.catch(() => {});
		// The stalled generator is cleaned up once nobody follows it.
		await demo.waitForLog((log) =>
			log.some((e) => e.streamId === streamId && e.event === 'finally')
		);
		expect(decodeSSE(body).map((e) => e.data)).toEqual(['a', ' b']);
	});

	test('slow-first:MS delays the first event by MS', async () => {
		const started = performance.now();
		const response = await post({ messages: user('echo: a'), delayMs: 0, fault: 'slow-first:400' });
		const reader = response.body!.getReader();
		await reader.read();
		expect(performance.now() - started).toBeGreaterThanOrEqual(380);
		await reader.cancel();
	});

	test('none is accepted and changes nothing', async () => {
		const response = await post({ messages: user('echo: ok'), delayMs: 0, fault: 'none' });
		expect(textOf(decodeSSE(await response.text()))).toBe('ok');
	});
});

describe('bad input', () => {
	test.each([
		['an unknown fault', { fault: 'explode' }, '', 'invalid_fault'],
		['a fault with a bad number', { fault: 'drop-after:x' }, '', 'invalid_fault'],
		['an unknown fault in the query', {}, '?fault=drop', 'invalid_fault'],
		['an unknown protocol', { protocol: 'grpc' }, '', 'invalid_protocol'],
		['an unknown protocol in the query', {}, '?protocol=openai', 'invalid_protocol'],
		['an unknown provider', { provider: 'acme' }, '', 'invalid_provider'],
		[
			'provider openai without a key on the server',
			{ provider: 'openai' },
			'',
			'provider_unavailable'
		],
		[
			'a UI message part without a type',
			{ messages: [{ role: 'user', parts: [{ text: 'x' }] }] },
			'',
			'invalid_messages'
		],
		['a bad delayMs', { delayMs: -1 }, '', 'invalid_delay']
	])('%s → 400 JSON', async (_name, extra, query, code) => {
		const response = await post({ messages: user('hi'), ...extra }, query);
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({ error: { code, message: expect.any(String) } });
	});

	test('a Last-Event-ID this endpoint never issued → 400 JSON', async () => {
		const response = await post({ messages: user('hi') }, '', {
			headers: { 'content-type': 'application/json', 'last-event-id': '42' }
		});
		expect(response.status).toBe(400);
		expect((await response.json()).error.code).toBe('invalid_last_event_id');
	});

	test('a Last-Event-ID of an unknown stream → 404 JSON', async () => {
		const response = await post({ messages: user('hi') }, '', {
			headers: { 'content-type': 'application/json', 'last-event-id': 'text-gone:3' }
		});
		expect(response.status).toBe(404);
		expect((await response.json()).error.code).toBe('unknown_stream');
	});

	test('POST /api/chat/{id} → 405 JSON with Allow: GET, DELETE', async () => {
		const response = await fetch(`${demo.url}/api/chat/some-id`, { method: 'POST', body: '{}' });
		expect(response.status).toBe(405);
		expect(response.headers.get('allow')).toBe('GET, DELETE');
		expect((await response.json()).error.code).toBe('method_not_allowed');
	});

	test('DELETE /api/chat/{id} stops a running generation at once; then 404', async () => {
		const words = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
		const response = await post({ messages: user(`echo: ${words}`), delayMs: 100 });
		const streamId = response.headers.get('x-stream-id')!;
		const reader = response.body!.getReader();
		let body = '';
		while (!body.includes('\n\n')) body += new TextDecoder().decode((await reader.read()).value);

		const stopped = await fetch(`${demo.url}/api/chat/${streamId}`, { method: 'DELETE' });
		expect(stopped.status).toBe(204);
		// The follower's body ends soon after, long before the 100 tokens at 100 ms would have.
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			body += new TextDecoder().decode(value);
		}
		const received = textOf(decodeSSE(body)).split(' ').filter(Boolean);
		expect(received.length).toBeLessThan(50);

		const again = await fetch(`${demo.url}/api/chat/${streamId}`, { method: 'DELETE' });
		expect(again.status).toBe(404);
		expect((await again.json()).error.code).toBe('unknown_stream');
	});
});
