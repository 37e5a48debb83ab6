import { flushSync } from 'svelte';
import { get } from 'svelte/store';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
	createTokenStream,
	type StreamStatus,
	type TokenStream,
	type TokenStreamState
} from '../../../src/lib/svelte/token-stream.svelte.js';
import {
	createFakeFetch,
	createManualClock,
	createManualFrames,
	sse,
	until
} from './token-stream-harness.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
	while (cleanups.length) cleanups.pop()!();
});

/** Counts how often an effect that reads `read()` runs, and what it saw each time. */
function watch<T>(read: () => T) {
	const seen: T[] = [];
	const stop = $effect.root(() => {
		$effect(() => {
			seen.push(read());
		});
	});
	cleanups.push(stop);
	flushSync();
	return seen;
}

function setup(extra: Partial<Parameters<typeof createTokenStream>[0]> = {}) {
	const server = createFakeFetch();
	const frames = createManualFrames();
	const clock = createManualClock();
	const statuses: StreamStatus[] = [];
	const stream = createTokenStream({
		url: 'http://test.local/api/chat',
		fetch: server.fetch,
		schedule: frames.schedule,
		now: clock.now,
		onStatusChange: (status) => statuses.push(status),
		...extra
	});
	cleanups.push(() => stream.reset());
	const frame = () => {
		frames.run();
		flushSync();
	};
	return { server, frames, clock, statuses, stream, frame };
}

describe('frame batching', () => {
	test('a thousand tokens inside one frame cause exactly one update of a dependent $effect', async () => {
		let parsed = 0;
		const { server, frames, stream, frame } = setup({ onToken: () => parsed++ });
		const texts = watch(() => stream.text);
		const storeValues: string[] = [];
		cleanups.push(stream.subscribe((s) => storeValues.push(s.text)));

		void stream.start({ body: { q: 1 } });
		await until(() => server.exchanges.length === 1);
		const tokens = Array.from({ length: 1000 }, (_, i) => `t${i} `);
		for (const token of tokens) server.exchanges[0].write(sse.token(token));
		await until(() => parsed === 1000);
		flushSync();

		// Parsed, but nothing reached the effect or the store yet: the frame has not run.
		expect(texts).toEqual(['']);
		expect(frames.pending).toBe(1);
		const storeCallsBeforeFrame = storeValues.length;

		frame();
		expect(texts).toEqual(['', tokens.join('')]);
		expect(storeValues.length).toBe(storeCallsBeforeFrame + 1);
		expect(storeValues.at(-1)).toBe(tokens.join(''));
		expect(frames.requested).toBe(1);
	});

	test('tokens in separate frames update once per frame, in order', async () => {
		let parsed = 0;
		const { server, stream, frame } = setup({ onToken: () => parsed++ });
		const texts = watch(() => stream.text);
		void stream.start();
		await until(() => server.exchanges.length === 1);
		server.exchanges[0].write(sse.tokens(['a', 'b']));
		await until(() => parsed === 2);
		frame();
		server.exchanges[0].write(sse.tokens(['c']));
		await until(() => parsed === 3);
		frame();
		expect(texts).toEqual(['', 'ab', 'abc']);
	});
});

describe('status machine', () => {
	test('idle → connecting → streaming → done, with the final text and onFinish', async () => {
		let finished: string | null = null;
		const { server, statuses, stream, frame } = setup({
			onFinish: (result) => (finished = result.text)
		});
		const seen = watch(() => stream.status);
		expect(stream.status).toBe('idle');

		const done = stream.start();
		flushSync();
		expect(stream.status).toBe('connecting');
		await until(() => server.exchanges.length === 1);
		server.exchanges[0].write(sse.token('Hello'));
		await until(() => stream.status === 'streaming' || (frame(), false));
		server.exchanges[0].write(sse.token(' world') + sse.done());
		server.exchanges[0].close();
		const result = await done;
		flushSync();

		expect(result.text).toBe('Hello world');
		expect(stream.text).toBe('Hello world');
		expect(stream.status).toBe('done');
		expect(stream.error).toBeNull();
		expect(finished).toBe('Hello world');
		expect(statuses).toEqual(['connecting', 'streaming', 'done']);
		expect(seen).toEqual(['idle', 'connecting', 'streaming', 'done']);
	});

	test('stays connecting until the first content arrives', async () => {
		const { server, stream, frame } = setup();
		void stream.start();
		await until(() => server.exchanges.length === 1);
		server.exchanges[0].write('event: ping\ndata: x\n\n');
		await new Promise((r) => setTimeout(r, 0));
		frame();
		expect(stream.status).toBe('connecting');
	});

	test('an error keeps the partial text visible, holds the StreamError, and retry() starts again', async () => {
		const errors: string[] = [];
		const { server, statuses, stream, frame } = setup({
			onError: (error) => errors.push(error.code)
		});
		const first = stream.start({ body: { messages: ['hi'] } });
		await until(() => server.exchanges.length === 1);
		server.exchanges[0].write(sse.tokens(['Partial', ' answer']));
		await until(() => (frame(), stream.text === 'Partial answer'));
		server.exchanges[0].close(); // ends without `done`: disconnected
		const result = await first;

		expect(result.error?.code).toBe('disconnected');
		expect(stream.status).toBe('error');
		expect(stream.text).toBe('Partial answer');
		expect(stream.error?.code).toBe('disconnected');
		expect(errors).toEqual(['disconnected']);

		const second = stream.retry();
		expect(stream.status).toBe('connecting');
		expect(stream.error).toBeNull();
		expect(stream.text).toBe('');
		await until(() => server.exchanges.length === 2);
		expect(server.exchanges[1].body).toEqual({ messages: ['hi'] });
		server.exchanges[1].write(sse.token('Full answer') + sse.done());
		server.exchanges[1].close();
		await second;
		expect(stream.status).toBe('done');
		expect(stream.text).toBe('Full answer');
		expect(statuses).toEqual(['connecting', 'streaming', 'error', 'connecting', 'done']);
	});

	test('an upstream error event becomes status error with its message', async () => {
		const { server, stream, frame } = setup();
		const done = stream.start();
		await until(() => server.exchanges.length === 1);
		server.exchanges[0].write(sse.token('Half') + sse.error('model overloaded'));
		server.exchanges[0].close();
		await done;
		frame();
		expect(stream.status).toBe('error');
		expect(stream.error?.code).toBe('upstream');
		expect(stream.error?.message).toContain('model overloaded');
		expect(stream.text).toBe('Half');
	});

	test('an HTTP error status is an error before any text', async () => {
		const server = createFakeFetch(() => new Response('bad', { status: 400 }));
		const stream = createTokenStream({ url: 'http://test.local/x', fetch: server.fetch });
		const result = await stream.start();
		expect(result.error?.code).toBe('http_status');
		expect(stream.status).toBe('error');
		expect(stream.error?.status).toBe(400);
		expect(stream.text).toBe('');
	});
});

describe('stop, start while running, reset', () => {
	test('stop() aborts the request, keeps the partial text (including the unflushed frame), status aborted', async () => {
		let parsed = 0;
		const { server, statuses, stream, frame } = setup({ onToken: () => parsed++ });
		const done = stream.start();
		await until(() => server.exchanges.length === 1);
		server.exchanges[0].write(sse.tokens(['one', ' two']));
		await until(() => parsed === 2);
		frame();
		server.exchanges[0].write(sse.token(' three'));
		await until(() => parsed === 3);
		expect(stream.text).toBe('one two'); // ' three' waits for its frame

		stream.stop();
		expect(stream.status).toBe('aborted');
		expect(stream.text).toBe('one two three');
		expect(server.exchanges[0].signal.aborted).toBe(true);

		const result = await done;
		expect(result.error?.code).toBe('aborted');
		server.exchanges[0].write(sse.token(' four'));
		await new Promise((r) => setTimeout(r, 0));
		frame();
		expect(stream.text).toBe('one two three');
		expect(stream.status).toBe('aborted');
		expect(stream.error).toBeNull();
		expect(statuses).toEqual(['connecting', 'streaming', 'aborted']);
	});

	test('start() while running aborts the old request and nothing of it leaks into the new one', async () => {
		let parsed = 0;
		const { server, statuses, stream, frame } = setup({ onToken: () => parsed++ });
		const texts = watch(() => stream.text);
		const first = stream.start({ body: { n: 1 } });
		await until(() => server.exchanges.length === 1);
		server.exchanges[0].write(sse.token('old'));
		await until(() => parsed === 1);
		// The old response's frame is pending when the new request starts.
		const second = stream.start({ body: { n: 2 } });
		expect(server.exchanges[0].signal.aborted).toBe(true);
		frame();
		expect(stream.text).toBe('');

		const firstResult = await first;
		expect(firstResult.error?.code).toBe('aborted');
		expect(stream.status).toBe('connecting'); // the old run's end does not touch the new one

		await until(() => server.exchanges.length === 2);
		expect(server.exchanges[1].body).toEqual({ n: 2 });
		server.exchanges[0].write(sse.token('late'));
		server.exchanges[1].write(sse.token('new') + sse.done());
		server.exchanges[1].close();
		await second;
		frame();
		expect(stream.text).toBe('new');
		expect(stream.status).toBe('done');
		expect(texts.filter((t) => t.includes('old') || t.includes('late'))).toEqual([]);
		// One 'connecting' for both starts (no change in between), never 'aborted' from the old run;
		// the new answer arrived and ended within one frame, so it went straight to 'done'.
		expect(statuses).toEqual(['connecting', 'done']);
	});

	test('connecting → aborted when stopped before any token; aborted → connecting on the next start', async () => {
		const { server, statuses, stream } = setup();
		void stream.start();
		await until(() => server.exchanges.length === 1);
		stream.stop();
		expect(stream.status).toBe('aborted');
		expect(stream.text).toBe('');
		expect(server.exchanges[0].signal.aborted).toBe(true);
		stream.stop(); // a second stop is a no-op
		const again = stream.start();
		await until(() => server.exchanges.length === 2);
		server.exchanges[1].write(sse.token('ok') + sse.done());
		server.exchanges[1].close();
		await again;
		void stream.start(); // done → connecting
		expect(statuses).toEqual(['connecting', 'aborted', 'connecting', 'done', 'connecting']);
	});

	test('onStop gets the accepted response and the kept text when stop() ends an answer, and only then', async () => {
		const stopped: Array<{ id: string | null; text: string; status: string }> = [];
		const server = createFakeFetch(
			(exchange) =>
				new Response(
					new ReadableStream<Uint8Array>({
						start(controller) {
							controller.enqueue(new TextEncoder().encode(sse.token('partial')));
							exchange.signal.addEventListener('abort', () =>
								controller.error(exchange.signal.reason)
							);
							if (exchange.body && (exchange.body as { finish?: boolean }).finish) {
								controller.enqueue(new TextEncoder().encode(sse.done()));
								controller.close();
							}
						}
					}),
					{
						headers: {
							'content-type': 'text/event-stream',
							'x-stream-id': `s${server.exchanges.length}`
						}
					}
				)
		);
		const frames = createManualFrames();
		let parsed = 0;
		const stream = createTokenStream({
			url: 'http://test.local/api/chat',
			fetch: server.fetch,
			schedule: frames.schedule,
			onToken: () => parsed++,
			onStop: ({ response, text }) =>
				stopped.push({
					id: response?.headers.get('x-stream-id') ?? null,
					text,
					status: stream.status
				})
		});
		cleanups.push(() => stream.reset());

		stream.stop(); // idle: nothing to stop
		const first = stream.start();
		await until(() => parsed === 1);
		stream.stop();
		await first;
		expect(stopped).toEqual([{ id: 's1', text: 'partial', status: 'aborted' }]);

		// An answer that finishes, and a stop() after it, report nothing.
		await stream.start({ body: { finish: true } });
		expect(stream.status).toBe('done');
		stream.stop();
		expect(stopped).toHaveLength(1);
	});

	test('onStop gets a null response when stop() comes before the server answered', () => {
		const stopped: Array<Response | null> = [];
		const { stream } = setup({
			fetch: () => new Promise<Response>(() => {}),
			onStop: ({ response }) => stopped.push(response)
		});
		void stream.start();
		stream.stop();
		expect(stopped).toEqual([null]);
	});

	test('reset() aborts, clears the answer and goes back to idle', async () => {
		const { server, stream, frame } = setup();
		void stream.start();
		await until(() => server.exchanges.length === 1);
		server.exchanges[0].write(sse.token('some'));
		await until(() => (frame(), stream.text === 'some'));
		stream.reset();
		expect(server.exchanges[0].signal.aborted).toBe(true);
		expect(stream.status).toBe('idle');
		expect(stream.text).toBe('');
		expect(stream.metrics.tokens).toBe(0);
	});
});

describe('store contract', () => {
	test('subscribe calls back at once, works detached, and unsubscribes cleanly', async () => {
		const { server, stream, frame } = setup();
		const { subscribe } = stream; // detached
		const values: TokenStreamState[] = [];
		const unsubscribe = subscribe((value) => values.push(value));
		expect(values).toHaveLength(1);
		expect(values[0]).toMatchObject({ status: 'idle', text: '', error: null, toolCalls: [] });
		expect(get(stream).status).toBe('idle');

		const { start } = stream;
		const done = start();
		await until(() => server.exchanges.length === 1);
		server.exchanges[0].write(sse.token('Hi'));
		await until(() => (frame(), stream.text === 'Hi'));
		expect(values.at(-1)).toMatchObject({ status: 'streaming', text: 'Hi' });

		const count = values.length;
		unsubscribe();
		server.exchanges[0].write(sse.done());
		server.exchanges[0].close();
		await done;
		expect(values.length).toBe(count);
		expect(get(stream)).toMatchObject({ status: 'done', text: 'Hi' });
	});

	test('subscribing the same function twice needs two unsubscribes', () => {
		const stream = createTokenStream({ url: '/x' });
		const calls: string[] = [];
		const listener = (s: TokenStreamState) => calls.push(s.status);
		const a = stream.subscribe(listener);
		const b = stream.subscribe(listener);
		a();
		stream.reset(); // already idle: no status change, but a notification
		expect(calls).toEqual(['idle', 'idle', 'idle']);
		b();
		stream.reset();
		expect(calls).toHaveLength(3);
	});
});

describe('as event handlers', () => {
	test('onclick={stream.start} ignores the click event and keeps the creation options', async () => {
		const { server, stream } = setup({ body: { fixed: true } });
		void stream.start(new MouseEvent('click') as unknown as Parameters<typeof stream.start>[0]);
		await until(() => server.exchanges.length === 1);
		expect(server.exchanges[0].body).toEqual({ fixed: true });
		void stream.retry();
		await until(() => server.exchanges.length === 2);
		expect(server.exchanges[1].body).toEqual({ fixed: true });
	});
});

describe('bad input', () => {
	test('a bare URL gets a hint to pass an options object', () => {
		expect(() =>
			createTokenStream('/api/chat' as unknown as Parameters<typeof createTokenStream>[0])
		).toThrow(/Did you mean createTokenStream\(\{ url: "\/api\/chat" \}\)/);
	});

	test('an unknown protocol is refused when the stream is created', () => {
		expect(() =>
			createTokenStream({ url: '/x', protocol: 'sse-json' as unknown as 'text' })
		).toThrow(/Unknown protocol "sse-json"/);
	});

	test('an unknown protocol rejects start() before any state changes', async () => {
		const stream: TokenStream = createTokenStream({ url: '/x' });
		await expect(stream.start({ protocol: 'nope' as unknown as 'text' })).rejects.toThrow(
			/Unknown protocol "nope"/
		);
		expect(stream.status).toBe('idle');
	});
});

describe('getter options', () => {
	test('url, headers, body and protocol given as functions are read at every start()', async () => {
		let n = 1;
		let protocol: 'text' | 'openai-chat' = 'text';
		const { server, stream } = setup({
			url: () => `http://test.local/api/chat/${n}`,
			headers: () => ({ 'x-attempt': String(n) }),
			body: () => ({ n }),
			protocol: () => protocol
		});
		const first = stream.start();
		await until(() => server.exchanges.length === 1);
		server.exchanges[0].write(sse.token('plain') + sse.done());
		server.exchanges[0].close();
		expect((await first).text).toBe('plain');

		n = 2;
		protocol = 'openai-chat';
		const second = stream.start();
		await until(() => server.exchanges.length === 2);
		server.exchanges[1].write(
			'data: {"choices":[{"index":0,"delta":{"content":"json"}}]}\n\ndata: [DONE]\n\n'
		);
		server.exchanges[1].close();
		expect((await second).text).toBe('json');

		expect(server.exchanges.map((e) => [e.url, e.headers.get('x-attempt'), e.body])).toEqual([
			['http://test.local/api/chat/1', '1', { n: 1 }],
			['http://test.local/api/chat/2', '2', { n: 2 }]
		]);
	});

	test('a getter that returns a bad url or protocol rejects start() before any state changes', async () => {
		const stream = createTokenStream({ url: () => 42 as unknown as string });
		await expect(stream.start()).rejects.toThrow(/`url` must be a string or a URL/);
		await expect(
			stream.start({ url: '/x', protocol: () => 'nope' as unknown as 'text' })
		).rejects.toThrow(/Unknown protocol "nope"/);
		expect(stream.status).toBe('idle');
	});
});

describe('metrics', () => {
	test('time to first token, tokens per second and duration come from the injected clock', async () => {
		let parsed = 0;
		const { server, clock, stream, frame } = setup({ onToken: () => parsed++ });
		expect(stream.metrics).toEqual({
			ttftMs: null,
			durationMs: null,
			tokensPerSecond: null,
			reconnects: 0,
			tokens: 0
		});
		const done = stream.start();
		await until(() => server.exchanges.length === 1);
		clock.advance(200);
		server.exchanges[0].write(sse.token('a'));
		await until(() => parsed === 1);
		frame();
		expect(stream.metrics).toMatchObject({ ttftMs: 200, tokensPerSecond: null, tokens: 1 });
		expect(stream.metrics.durationMs).toBeNull();
		for (const token of ['b', 'c']) {
			clock.advance(100);
			server.exchanges[0].write(sse.token(token));
			await until(() => parsed === ['a', 'b', 'c'].indexOf(token) + 1);
		}
		clock.advance(100);
		server.exchanges[0].write(sse.done());
		server.exchanges[0].close();
		await done;
		// 2 tokens after the first, 200 ms between the first and the last: 10 tokens/s.
		expect(stream.metrics).toEqual({
			ttftMs: 200,
			durationMs: 500,
			tokensPerSecond: 10,
			reconnects: 0,
			tokens: 3
		});
	});

	test('onToken sees every delta with its kind, before any frame', async () => {
		const tokens: string[] = [];
		const { server, stream } = setup({ onToken: (token, kind) => tokens.push(`${kind}:${token}`) });
		void stream.start();
		await until(() => server.exchanges.length === 1);
		server.exchanges[0].write(sse.tokens(['x', 'y']));
		await until(() => tokens.length === 2);
		expect(tokens).toEqual(['text:x', 'text:y']);
		expect(stream.text).toBe('');
	});
});

describe('callbacks', () => {
	test('an onToken that throws is reported on its own; the stream carries on', async () => {
		const caught: unknown[] = [];
		const original = globalThis.queueMicrotask;
		const spy = vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((callback) =>
			original(() => {
				try {
					callback();
				} catch (error) {
					caught.push(error);
				}
			})
		);
		cleanups.push(() => spy.mockRestore());
		const { server, stream } = setup({
			onToken: (token) => {
				if (token === 'boom') throw new Error('bug in onToken');
			}
		});
		const done = stream.start();
		await until(() => server.exchanges.length === 1);
		server.exchanges[0].write(sse.tokens(['ok ', 'boom', ' after']) + sse.done());
		server.exchanges[0].close();
		const result = await done;
		expect(result.error).toBeUndefined();
		expect(stream.status).toBe('done');
		expect(stream.text).toBe('ok boom after');
		expect(caught).toEqual([new Error('bug in onToken')]);
	});
});

describe('smooth', () => {
	test('a burst is revealed over several frames as prefixes, and everything shows at once on done', async () => {
		let parsed = 0;
		const { server, clock, stream, frame } = setup({
			smooth: { maxLagMs: 200 },
			onToken: () => parsed++
		});
		const full = 'x'.repeat(100) + ' and the rest';
		void stream.start();
		await until(() => server.exchanges.length === 1);
		server.exchanges[0].write(sse.token(full));
		await until(() => parsed === 1);
		const shown: number[] = [];
		for (let i = 0; i < 4; i++) {
			clock.advance(16);
			frame();
			expect(full.startsWith(stream.text)).toBe(true);
			shown.push(stream.text.length);
		}
		expect(shown[0]).toBeGreaterThan(0);
		expect(shown[3]).toBeLessThan(full.length);
		expect(new Set(shown).size).toBe(4); // it advanced on every frame

		server.exchanges[0].write(sse.done());
		server.exchanges[0].close();
		await until(() => stream.status === 'done');
		expect(stream.text).toBe(full);
	});

	test('a smoothed stream is never further behind than maxLagMs', async () => {
		let parsed = 0;
		const { server, clock, stream, frame } = setup({
			smooth: { maxLagMs: 100 },
			onToken: () => parsed++
		});
		void stream.start();
		await until(() => server.exchanges.length === 1);
		server.exchanges[0].write(sse.token('y'.repeat(500)));
		await until(() => parsed === 1);
		clock.advance(100);
		frame();
		expect(stream.text.length).toBe(500);
	});

	test('stop() flushes the smoothed backlog at once', async () => {
		let parsed = 0;
		const { server, clock, stream, frame } = setup({ smooth: true, onToken: () => parsed++ });
		void stream.start();
		await until(() => server.exchanges.length === 1);
		server.exchanges[0].write(sse.token('z'.repeat(300)));
		await until(() => parsed === 1);
		clock.advance(16);
		frame();
		expect(stream.text.length).toBeLessThan(300);
		stream.stop();
		expect(stream.text.length).toBe(300);
		expect(stream.status).toBe('aborted');
	});
});
