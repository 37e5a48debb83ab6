import { afterEach, describe, expect, test, vi } from 'vitest';
import { sseResponse } from '../../../src/lib/server/sse-response.js';
import type { SSEMessage } from '../../../src/lib/server/encode.js';
import { textEventStream } from '../../../src/lib/server/text-event-stream.js';

const text = new TextDecoder();

/** Lets every pending promise callback run, without any timer. */
const settle = async () => {
	for (let i = 0; i < 20; i++) await Promise.resolve();
};

async function readAll(response: Response): Promise<string> {
	return await response.text();
}

/** A source whose steps the test releases by hand, recording what happened to it. */
function controlledSource() {
	const log: string[] = [];
	const source = (async function* () {
		try {
			for (let i = 1; ; i++) {
				log.push(`produce ${i}`);
				yield { id: String(i), data: `event ${i}` } satisfies SSEMessage;
			}
		} finally {
			log.push('finally');
		}
	})();
	return { source, log };
}

afterEach(() => {
	vi.useRealTimers();
});

describe('sseResponse headers', () => {
	test('sets the SSE headers, keeps extra ones, never a content-length', () => {
		const response = sseResponse((async function* () {})(), {
			status: 201,
			headers: { 'x-stream-id': 'abc', 'content-type': 'text/plain', 'content-length': '5' }
		});
		expect(response.status).toBe(201);
		expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
		expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
		expect(response.headers.get('x-accel-buffering')).toBe('no');
		expect(response.headers.get('x-stream-id')).toBe('abc');
		expect(response.headers.has('content-length')).toBe(false);
	});
});

describe('sseResponse body', () => {
	test('encodes messages and string shorthand, retry first', async () => {
		const response = sseResponse(
			(async function* () {
				yield 'plain';
				yield { event: 'done', id: '2', data: 'a\nb' };
			})(),
			{ retryMs: 2500, heartbeatMs: 0 }
		);
		expect(await readAll(response)).toBe(
			'retry: 2500\n\ndata: plain\n\nevent: done\nid: 2\ndata: a\ndata: b\n\n'
		);
	});

	test('is pull-based: the generator advances only when the client reads', async () => {
		const { source, log } = controlledSource();
		const reader = sseResponse(source, { heartbeatMs: 0 }).body!.getReader();
		await settle();
		expect(log).toEqual([]);
		expect(text.decode((await reader.read()).value)).toBe('id: 1\ndata: event 1\n\n');
		await settle();
		expect(log).toEqual(['produce 1']);
		await reader.read();
		await reader.read();
		await settle();
		expect(log).toEqual(['produce 1', 'produce 2', 'produce 3']);
		await reader.cancel();
	});

	test('a cancelled body runs the generator finally at once', async () => {
		const { source, log } = controlledSource();
		const reader = sseResponse(source, { heartbeatMs: 0 }).body!.getReader();
		await reader.read();
		await reader.cancel();
		await settle();
		expect(log).toEqual(['produce 1', 'finally']);
	});

	test('an aborted request signal runs the finally and ends the body', async () => {
		const { source, log } = controlledSource();
		const abort = new AbortController();
		const request = new Request('http://localhost/', { signal: abort.signal });
		const reader = sseResponse(source, { request, heartbeatMs: 0 }).body!.getReader();
		await reader.read();
		abort.abort();
		await settle();
		expect(log).toEqual(['produce 1', 'finally']);
		expect(await reader.read()).toEqual({ done: true, value: undefined });
	});

	test('an already aborted request never starts the generator', async () => {
		const { source, log } = controlledSource();
		const abort = new AbortController();
		abort.abort();
		const request = new Request('http://localhost/', { signal: abort.signal });
		expect(await readAll(sseResponse(source, { request, heartbeatMs: 0 }))).toBe('');
		expect(log).toEqual([]);
	});

	test('an exception mid-stream sends a safe error event and closes cleanly', async () => {
		const secret = new Error('ECONNREFUSED 10.0.0.7:5432 password=hunter2');
		const response = sseResponse(
			(async function* () {
				yield 'partial';
				throw secret;
			})(),
			{ heartbeatMs: 0 }
		);
		const body = await readAll(response); // rejects if the stream errored instead of closing
		expect(body).toBe(
			'data: partial\n\nevent: error\ndata: The answer could not be completed.\n\n'
		);
		expect(body).not.toMatch(/hunter2|ECONNREFUSED|at /);
	});

	test('onError shapes the error event', async () => {
		const onError = vi.fn((error: unknown) => ({ data: `failed: ${(error as Error).message}` }));
		const response = sseResponse(
			(async function* () {
				yield* [];
				throw new Error('quota');
			})(),
			{ heartbeatMs: 0, onError }
		);
		expect(await readAll(response)).toBe('event: error\ndata: failed: quota\n\n');
		expect(onError).toHaveBeenCalledTimes(1);
	});

	test('an onError that throws falls back to the generic message', async () => {
		const response = sseResponse(
			(async function* () {
				yield* [];
				throw new Error('inner');
			})(),
			{
				heartbeatMs: 0,
				onError: () => {
					throw new Error('broken handler');
				}
			}
		);
		expect(await readAll(response)).toBe(
			'event: error\ndata: The answer could not be completed.\n\n'
		);
	});

	test('an invalid event from the source ends the stream and runs the finally', async () => {
		const log: string[] = [];
		const response = sseResponse(
			(async function* () {
				try {
					yield { id: 'bad\nid', data: 'x' };
					yield 'never';
				} finally {
					log.push('finally');
				}
			})(),
			{ heartbeatMs: 0 }
		);
		expect(await readAll(response)).toBe(
			'event: error\ndata: The answer could not be completed.\n\n'
		);
		await settle();
		expect(log).toEqual(['finally']);
	});
});

describe('sseResponse heartbeat', () => {
	test('sends a comment after an interval with nothing else sent, none after a busy one', async () => {
		vi.useFakeTimers();
		let release!: () => void;
		const response = sseResponse(
			(async function* () {
				yield 'first';
				await new Promise<void>((resolve) => (release = resolve));
				yield 'second';
			})(),
			{ heartbeatMs: 1000 }
		);
		const reader = response.body!.getReader();
		expect(text.decode((await reader.read()).value)).toBe('data: first\n\n');
		const next = reader.read();
		// The interval in which "first" was sent is busy: no beat at its end.
		await vi.advanceTimersByTimeAsync(1000);
		// The next interval is silent: a beat.
		await vi.advanceTimersByTimeAsync(1000);
		expect(text.decode((await next).value)).toBe(': keep-alive\n\n');
		release();
		expect(text.decode((await reader.read()).value)).toBe('data: second\n\n');
		expect((await reader.read()).done).toBe(true);
		expect(vi.getTimerCount()).toBe(0);
	});

	test('beats do not pile up behind a response nobody reads', async () => {
		vi.useFakeTimers();
		const response = sseResponse(
			(async function* () {
				await new Promise(() => {});
				yield 'never';
			})(),
			{ heartbeatMs: 1000 }
		);
		await vi.advanceTimersByTimeAsync(10_000);
		const reader = response.body!.getReader();
		const first = await reader.read();
		expect(text.decode(first.value)).toBe(': keep-alive\n\n');
		// Only one beat was queued in ten silent intervals; the next read waits for the next beat.
		let second: string | undefined;
		void reader.read().then((r) => (second = text.decode(r.value)));
		await vi.advanceTimersByTimeAsync(0);
		expect(second).toBeUndefined();
		await vi.advanceTimersByTimeAsync(1000);
		expect(second).toBe(': keep-alive\n\n');
		await reader.cancel();
	});

	test('heartbeatMs: 0 sets no timer', () => {
		vi.useFakeTimers();
		sseResponse((async function* () {})(), { heartbeatMs: 0 });
		expect(vi.getTimerCount()).toBe(0);
	});

	test('heartbeatMs: Infinity (or past what a timer holds) sends no beat, not one a millisecond', async () => {
		for (const heartbeatMs of [Infinity, 2 ** 31]) {
			let release!: () => void;
			const source = (async function* () {
				await new Promise<void>((resolve) => (release = resolve));
				yield 'done';
			})();
			const body = readAll(sseResponse(source, { heartbeatMs })); // pulls: the source starts
			await new Promise((resolve) => setTimeout(resolve, 40));
			release();
			expect(await body).toBe('data: done\n\n');
		}
	});
});

describe('sseResponse input checks', () => {
	test.each([
		['an array', [1, 2], /AsyncIterable/],
		['a function', () => {}, /AsyncIterable/]
	])('rejects %s as source with a TypeError that names the fix', (_name, source, pattern) => {
		expect(() => sseResponse(source as unknown as AsyncIterable<string>)).toThrow(TypeError);
		expect(() => sseResponse(source as unknown as AsyncIterable<string>)).toThrow(pattern);
	});

	test.each([
		['heartbeatMs', { heartbeatMs: -1 }],
		['retryMs', { retryMs: Number.NaN }],
		['retryMs', { retryMs: Infinity }],
		['retryMs', { retryMs: 1e21 }],
		['request', { request: {} as Request }],
		['onError', { onError: 5 as unknown as () => void }]
	])('rejects a bad %s', (name, options) => {
		expect(() => sseResponse((async function* () {})(), options)).toThrow(TypeError);
		expect(() => sseResponse((async function* () {})(), options)).toThrow(new RegExp(name));
	});
});

describe('sseResponse with textEventStream (the fused shortcut)', () => {
	test('sends the same bytes as iterating textEventStream by hand', async () => {
		const tokens = () =>
			(async function* () {
				yield* ['Hel', '', 'lo', ' a\nb', ''];
			})();
		const fused = await sseResponse(textEventStream(tokens()), { heartbeatMs: 0 }).text();
		// A wrapper hides the shortcut, so this one goes through textEventStream's own next().
		const plain = textEventStream(tokens());
		const unfused = await sseResponse(
			{ [Symbol.asyncIterator]: () => ({ next: () => plain.next() }) },
			{ heartbeatMs: 0 }
		).text();
		expect(fused).toBe(
			'id: 1\ndata: Hel\n\nid: 2\ndata: lo\n\nid: 3\ndata:  a\ndata: b\n\nevent: done\nid: 4\ndata: stop\n\n'
		);
		expect(unfused).toBe(fused);
	});

	test('a cancelled body runs the token source finally', async () => {
		const log: string[] = [];
		const tokens = (async function* () {
			try {
				for (let i = 0; ; i++) yield `t${i}`;
			} finally {
				log.push('finally');
			}
		})();
		const reader = sseResponse(textEventStream(tokens), { heartbeatMs: 0 }).body!.getReader();
		await reader.read();
		await reader.cancel();
		await settle();
		expect(log).toEqual(['finally']);
	});

	test('a token source that throws ends with the error event and no done', async () => {
		const tokens = (async function* () {
			yield 'partial';
			throw new Error('secret');
		})();
		expect(await sseResponse(textEventStream(tokens), { heartbeatMs: 0 }).text()).toBe(
			'id: 1\ndata: partial\n\nevent: error\ndata: The answer could not be completed.\n\n'
		);
	});
});
