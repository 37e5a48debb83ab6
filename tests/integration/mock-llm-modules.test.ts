// The demo endpoint's building blocks in-process (no server): fault parsing and injection, the
// connection drop, request parsing, and the mock's scripts.
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { SSEMessage } from '../../src/lib/server/index.js';
import {
	dropAfter,
	MockFaultError,
	parseFault,
	withFault
} from '../../src/routes/api/chat/faults.js';
import { answerFor, scriptFor } from '../../src/routes/api/chat/mock-llm.js';
import { createRateLimitWindow } from '../../src/routes/api/chat/rate-limit.js';
import { BadRequest, lastEventIdOf, parseChatRequest } from '../../src/routes/api/chat/request.js';

afterEach(() => {
	vi.useRealTimers();
});

const settle = async () => {
	for (let i = 0; i < 20; i++) await Promise.resolve();
};

async function* messages(count: number): AsyncGenerator<SSEMessage> {
	for (let i = 1; i <= count; i++) yield { data: `m${i}` };
}

describe('parseFault', () => {
	test.each([
		['none', { kind: 'none' }],
		['drop-after:3', { kind: 'drop-after', events: 3 }],
		['error-after:0', { kind: 'error-after', events: 0 }],
		['stall-after:12', { kind: 'stall-after', events: 12 }],
		['status:500', { kind: 'status', status: 500 }],
		['status:429', { kind: 'status', status: 429 }],
		['slow-first:250', { kind: 'slow-first', ms: 250 }]
	])('%s', (text, fault) => {
		expect(parseFault(text)).toEqual(fault);
	});

	test.each(['', 'drop', 'drop-after:', 'drop-after:-1', 'status:404', 'slow-first:99999', 'NONE'])(
		'%j is not a fault',
		(text) => {
			expect(parseFault(text)).toBeUndefined();
		}
	);
});

describe('withFault', () => {
	test('error-after:N yields N messages, then throws a MockFaultError', async () => {
		const seen: string[] = [];
		const run = async () => {
			for await (const m of withFault(
				messages(5),
				parseFault('error-after:2')!,
				new AbortController().signal
			))
				seen.push(m.data);
		};
		await expect(run()).rejects.toBeInstanceOf(MockFaultError);
		expect(seen).toEqual(['m1', 'm2']);
	});

	test('stall-after:N yields N messages, then waits until the signal aborts', async () => {
		const abort = new AbortController();
		const iterator = withFault(messages(5), parseFault('stall-after:1')!, abort.signal);
		expect((await iterator.next()).value).toEqual({ data: 'm1' });
		let settled = false;
		const pending = iterator.next().then((r) => ((settled = true), r));
		await settle();
		expect(settled).toBe(false);
		abort.abort();
		expect(await pending).toEqual({ done: true, value: undefined });
	});

	test('slow-first:MS holds the first message back MS milliseconds', async () => {
		vi.useFakeTimers();
		const iterator = withFault(
			messages(2),
			parseFault('slow-first:500')!,
			new AbortController().signal
		);
		let first: IteratorResult<SSEMessage> | undefined;
		void iterator.next().then((r) => (first = r));
		await vi.advanceTimersByTimeAsync(499);
		expect(first).toBeUndefined();
		await vi.advanceTimersByTimeAsync(1);
		expect(first).toEqual({ done: false, value: { data: 'm1' } });
	});
});

describe('dropAfter', () => {
	const bytes = (text: string) => new TextEncoder().encode(text);

	test('passes N events (and comments), then errors the stream and cancels the source', async () => {
		let cancelled = false;
		const chunks = [
			'retry: 10\n\n',
			'data: a\n\n',
			': keep-alive\n\n',
			'id: 2\ndata: b\n\n',
			'data: c\n\n',
			'data: d\n\n',
			'data: e\n\n'
		];
		const source = new ReadableStream<Uint8Array>({
			pull(controller) {
				const next = chunks.shift();
				if (next === undefined) controller.close();
				else controller.enqueue(bytes(next));
			},
			cancel() {
				cancelled = true;
			}
		});
		const reader = dropAfter(source, 2).getReader();
		const text = new TextDecoder();
		const got: string[] = [];
		for (let i = 0; i < 4; i++) got.push(text.decode((await reader.read()).value));
		expect(got).toEqual(['retry: 10\n\n', 'data: a\n\n', ': keep-alive\n\n', 'id: 2\ndata: b\n\n']);
		await expect(reader.read()).rejects.toThrow(/drop-after:2/);
		expect(cancelled).toBe(true);
	});

	test('a stream shorter than N ends normally', async () => {
		const source = new Response('data: a\n\n').body!;
		expect(await new Response(dropAfter(source, 5)).text()).toBe('data: a\n\n');
	});
});

describe('createRateLimitWindow (status:429)', () => {
	test('refuses a key for windowMs, with the time left, then lets one request through', () => {
		const window = createRateLimitWindow(1000);
		expect(window.check('a', 0)).toBe(1000);
		expect(window.check('a', 400)).toBe(600);
		expect(window.check('b', 400)).toBe(1000); // keys are independent
		expect(window.check('a', 1000)).toBe(0);
		expect(window.check('a', 1001)).toBe(1000); // the next one opens a new window
	});

	test('holds at most maxKeys windows, dropping the oldest', () => {
		const window = createRateLimitWindow(1000, 2);
		window.check('a', 0);
		window.check('b', 0);
		window.check('c', 0);
		expect(window.check('a', 10)).toBe(1000); // forgotten: a fresh window
		expect(window.check('c', 10)).toBe(990);
	});
});

describe('parseChatRequest', () => {
	const request = (body: unknown, query = '', headers: Record<string, string> = {}) =>
		new Request(`http://localhost/api/chat${query}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body: JSON.stringify(body)
		});

	test('defaults: delay 30, no fault, text protocol, mock provider', async () => {
		expect(
			await parseChatRequest(request({ messages: [{ role: 'user', content: 'hi' }] }))
		).toEqual({
			messages: [{ role: 'user', content: 'hi' }],
			delayMs: 30,
			fault: { kind: 'none' },
			protocol: 'text',
			provider: 'mock'
		});
	});

	test('UI messages are flattened to their text parts', async () => {
		const chat = await parseChatRequest(
			request({
				messages: [
					{
						id: '1',
						role: 'user',
						parts: [
							{ type: 'text', text: 'a' },
							{ type: 'file', url: 'x' },
							{ type: 'text', text: 'b' }
						]
					}
				]
			})
		);
		expect(chat.messages).toEqual([{ role: 'user', content: 'ab' }]);
	});

	test('fault, protocol and delayMs come from the query when the body has none; the body wins', async () => {
		const chat = await parseChatRequest(
			request(
				{ messages: [{ role: 'user', content: 'x' }], protocol: 'text' },
				'?fault=drop-after:4&protocol=ai-sdk-ui&delayMs=0'
			)
		);
		expect(chat).toMatchObject({
			fault: { kind: 'drop-after', events: 4 },
			protocol: 'text',
			delayMs: 0
		});
	});

	test('an unknown fault is a 400 naming the accepted forms', async () => {
		const error = await parseChatRequest(
			request({ messages: [{ role: 'user', content: 'x' }], fault: 'drop-after' })
		).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(BadRequest);
		expect(error).toMatchObject({ status: 400, code: 'invalid_fault' });
		expect((error as Error).message).toContain('"drop-after:N"');
	});

	test('lastEventIdOf reads the header, else the query parameter', () => {
		expect(lastEventIdOf(request({}, '?lastEventId=q:1', { 'last-event-id': 'h:2' }))).toBe('h:2');
		expect(lastEventIdOf(request({}, '?lastEventId=q:1'))).toBe('q:1');
		expect(lastEventIdOf(request({}, '', { 'last-event-id': ' ' }))).toBeNull();
	});
});

describe('the mock script', () => {
	const user = (content: string) => [{ role: 'user' as const, content }];

	test('echo answers the text after "echo:", split like a tokenizer', () => {
		expect(scriptFor(user('echo: Hi there, you!'))).toEqual(['Hi', ' there', ',', ' you', '!']);
	});

	test('weather calls the tool between two text parts', () => {
		const script = scriptFor(user('weather in Rome please'));
		const call = script.find((chunk) => typeof chunk !== 'string');
		expect(call).toMatchObject({ toolName: 'get_weather', input: { city: 'Rome' } });
		expect(answerFor(user('weather in Rome please'))).toBe(
			'Let me look up the weather in Rome.\n\nIt is **18 °C** and clear in Rome.'
		);
	});
});
