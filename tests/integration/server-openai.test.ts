// provider=openai: the built demo proxies an OpenAI-compatible upstream (a local fake here, never the
// network) and re-encodes it as the requested protocol.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startBuiltDemo, type BuiltDemo } from './server-demo.js';
import { decodeSSE } from '../helpers/sse-client.js';

interface Seen {
	headers: IncomingMessage['headers'];
	body: { model: string; stream: boolean; messages: unknown };
	closedEarly: boolean;
}

const DELTAS = ['Hel', 'lo', ' from', ' the', ' upstream', '\n\n- a list'];
let upstream: Server;
let upstreamUrl = '';
const seen: Seen[] = [];
let demo: BuiltDemo;

beforeAll(async () => {
	upstream = createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', async () => {
			const entry: Seen = { headers: req.headers, body: JSON.parse(raw), closedEarly: false };
			seen.push(entry);
			const content = JSON.stringify(entry.body.messages);
			if (content.includes('upstream-500')) return void res.writeHead(500).end('{"error":"x"}');
			res.writeHead(200, { 'content-type': 'text/event-stream' });
			const slow = content.includes('slow');
			let finished = false;
			res.on('close', () => (entry.closedEarly = !finished));
			const deltas = slow ? Array.from({ length: 200 }, (_, i) => ` w${i}`) : DELTAS;
			for (const delta of deltas) {
				if (res.destroyed) return;
				const chunk = { choices: [{ index: 0, delta: { content: delta } }] };
				res.write(`data: ${JSON.stringify(chunk)}\n\n`);
				if (slow) await new Promise((r) => setTimeout(r, 30));
			}
			res.write(
				'data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n'
			);
			finished = true;
			res.end();
		});
	});
	await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
	const { port } = upstream.address() as { port: number };
	upstreamUrl = `http://127.0.0.1:${port}/v1`;
	demo = await startBuiltDemo({
		OPENAI_API_KEY: 'test-key',
		OPENAI_BASE_URL: upstreamUrl,
		OPENAI_MODEL: 'fake-model',
		CHAT_ORPHAN_TIMEOUT_MS: '200'
	});
}, 180_000);

afterAll(async () => {
	await demo?.stop();
	upstream?.closeAllConnections();
	await new Promise((resolve) => upstream?.close(resolve));
});

const post = (body: object, signal?: AbortSignal) =>
	fetch(`${demo.url}/api/chat`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ provider: 'openai', ...body }),
		signal: signal ?? AbortSignal.timeout(15_000)
	});

describe('provider=openai', () => {
	test('proxies the upstream deltas as the text protocol, with the key and model', async () => {
		const response = await post({ messages: [{ role: 'user', content: 'hello' }] });
		const events = decodeSSE(await response.text());
		expect(
			events
				.filter((e) => e.event === 'message')
				.map((e) => e.data)
				.join('')
		).toBe(DELTAS.join(''));
		expect(events.at(-1)).toMatchObject({ event: 'done', data: 'stop' });
		const request = seen.at(-1)!;
		expect(request.headers.authorization).toBe('Bearer test-key');
		expect(request.body).toEqual({
			model: 'fake-model',
			stream: true,
			messages: [{ role: 'user', content: 'hello' }]
		});
	});

	test('re-encodes as the AI SDK UI message stream', async () => {
		const response = await post({
			protocol: 'ai-sdk-ui',
			messages: [{ role: 'user', parts: [{ type: 'text', text: 'hello' }] }]
		});
		const chunks = decodeSSE(await response.text())
			.filter((e) => e.data !== '[DONE]')
			.map((e) => JSON.parse(e.data));
		expect(
			chunks
				.filter((c) => c.type === 'text-delta')
				.map((c) => c.delta)
				.join('')
		).toBe(DELTAS.join(''));
		expect(chunks.at(-1)).toEqual({ type: 'finish', finishReason: 'stop' });
	});

	test('an upstream failure becomes a safe in-stream error event', async () => {
		const response = await post({ messages: [{ role: 'user', content: 'upstream-500' }] });
		const events = decodeSSE(await response.text());
		expect(events).toEqual([
			{ event: 'error', data: 'The answer could not be completed.', id: '' }
		]);
	});

	test('a client that goes away cancels the upstream request', async () => {
		const abort = new AbortController();
		const response = await post({ messages: [{ role: 'user', content: 'slow' }] }, abort.signal);
		const reader = response.body!.getReader();
		await reader.read();
		const request = seen.at(-1)!;
		abort.abort();
		const until = Date.now() + 10_000;
		while (!request.closedEarly && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
		expect(request.closedEarly).toBe(true);
	});
});
