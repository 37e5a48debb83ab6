import { describe, expect, test } from 'vitest';
import { streamLLM } from '../../../../src/lib/core/transport/stream-llm.js';

const sseResponse = (text: string) =>
	new Response(text, { headers: { 'content-type': 'text/event-stream' } });

describe('streamLLM: input checks', () => {
	test('a relative URL without a browser names the fix instead of retrying', async () => {
		await expect(streamLLM({ url: '/api/chat' })).rejects.toThrow(/must be absolute/);
	});

	test('a custom fetch may take a relative URL (SvelteKit load fetch does)', async () => {
		const urls: string[] = [];
		const result = await streamLLM({
			url: '/api/chat',
			fetch: async (input) => {
				urls.push(String(input));
				return sseResponse('data: hi\n\nevent: done\ndata\n\n');
			}
		});
		expect(urls).toEqual(['/api/chat']);
		expect(result).toMatchObject({ text: 'hi', finished: true });
	});

	test('a non-positive idleTimeoutMs is a TypeError', async () => {
		await expect(streamLLM({ url: 'http://x.test', idleTimeoutMs: 0 })).rejects.toThrow(TypeError);
	});

	test('idleTimeoutMs: Infinity never times out (a timer would fire it at once)', async () => {
		const result = await streamLLM({
			url: 'http://x.test',
			idleTimeoutMs: Infinity,
			fetch: async () =>
				new Response(
					new ReadableStream({
						async start(controller) {
							await new Promise((resolve) => setTimeout(resolve, 40));
							controller.enqueue(new TextEncoder().encode('data: late\n\nevent: done\ndata\n\n'));
							controller.close();
						}
					}),
					{ headers: { 'content-type': 'text/event-stream' } }
				)
		});
		expect(result.error).toBeUndefined();
		expect(result).toMatchObject({ text: 'late', finished: true });
	});

	test('a reconnect field given as undefined keeps its default (5 attempts, then the error)', async () => {
		let calls = 0;
		const result = await streamLLM({
			url: 'http://x.test',
			// initialDelayMs 0: no waiting; maxAttempts undefined must still mean 5, not "forever".
			reconnect: { maxAttempts: undefined, initialDelayMs: 0, maxDelayMs: undefined },
			signal: AbortSignal.timeout(3000),
			fetch: async () => {
				calls++;
				throw new TypeError('fetch failed');
			}
		});
		expect(calls).toBe(6);
		expect(result.error?.code).toBe('network');
	});

	test.each([
		['maxAttempts', { maxAttempts: 'three' }],
		['maxAttempts', { maxAttempts: 1.5 }],
		['maxAttempts', { maxAttempts: -1 }],
		['initialDelayMs', { initialDelayMs: Number.NaN }],
		['maxDelayMs', { maxDelayMs: -5 }]
	])('reconnect.%s that is not a number ≥ 0 is a TypeError naming it', async (name, reconnect) => {
		await expect(
			streamLLM({ url: 'http://x.test', reconnect: reconnect as never })
		).rejects.toThrow(new RegExp(`reconnect\\.${name}\` must be`));
	});

	test('reconnect that is neither false nor an object is a TypeError', async () => {
		await expect(streamLLM({ url: 'http://x.test', reconnect: 3 as never })).rejects.toThrow(
			/`reconnect` must be false or an object/
		);
	});

	test('a missing url is a TypeError naming the call', async () => {
		// @ts-expect-error: deliberately wrong
		await expect(streamLLM({})).rejects.toThrow(/streamLLM\(\{ url/);
	});

	test('a stream body cannot be re-sent, so a failure with it is not retried', async () => {
		let calls = 0;
		const result = await streamLLM({
			url: 'http://x.test',
			body: new ReadableStream({ start: (c) => c.close() }),
			reconnect: { initialDelayMs: 1 },
			fetch: async () => {
				calls++;
				throw new TypeError('fetch failed');
			}
		});
		expect(calls).toBe(1);
		expect(result.error?.code).toBe('network');
	});
});
