import { afterAll, beforeAll, expect, test } from 'vitest';
import { streamLLM } from '../../src/lib/core/index.js';
import { sseResponse, textEventStream } from '../../src/lib/server/index.js';
import { startWebServer, type WebServer } from '../helpers/web-server.js';

let server: WebServer;
beforeAll(async () => {
	server = await startWebServer((request) => {
		if (new URL(request.url).pathname === '/fail') return new Response('nope', { status: 500 });
		async function* tokens() {
			yield 'hi';
		}
		return sseResponse(textEventStream(tokens()), { request, headers: { 'x-stream-id': 's-1' } });
	});
});
afterAll(() => server?.close());

test('onResponse sees each accepted response before its body is read', async () => {
	const seen: Array<{ id: string | null; bodyUsed: boolean }> = [];
	const result = await streamLLM({
		url: `${server.url}/ok`,
		body: { messages: [] },
		onResponse: (response) =>
			seen.push({ id: response.headers.get('x-stream-id'), bodyUsed: response.bodyUsed })
	});
	expect(result.text).toBe('hi');
	expect(seen).toEqual([{ id: 's-1', bodyUsed: false }]);
});

test('onResponse is not called for a response that is refused', async () => {
	const seen: Response[] = [];
	const result = await streamLLM({
		url: `${server.url}/fail`,
		reconnect: false,
		onResponse: (response) => seen.push(response)
	});
	expect(result.error?.code).toBe('http_status');
	expect(seen).toEqual([]);
});
