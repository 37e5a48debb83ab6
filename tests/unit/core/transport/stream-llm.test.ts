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
