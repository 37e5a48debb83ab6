import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { streamLLM, type ReconnectInfo } from '../../src/lib/core/transport/stream-llm.js';
import { seededRandom } from '../unit/core/chunking.js';
import { SSE_HEADERS, startRawServer, write, type RawServer } from './stream-llm-server.js';

let server: RawServer;
beforeAll(async () => {
	server = await startRawServer();
});
afterAll(() => server.close());

/** One text-protocol event; `data` with line breaks becomes several data lines. */
const textEvent = (data: string, id?: number, event?: string) =>
	(event ? `event: ${event}\n` : '') +
	(id !== undefined ? `id: ${id}\n` : '') +
	data
		.split('\n')
		.map((line) => `data: ${line}\n`)
		.join('') +
	'\n';

const fast = { initialDelayMs: 1, maxDelayMs: 5 };

describe('streamLLM: requests', () => {
	test('POSTs a plain object as JSON with custom headers, and reads the text protocol', async () => {
		server.handle((_, res) => {
			res.writeHead(200, SSE_HEADERS);
			res.end(textEvent('Hello') + textEvent(' world') + textEvent('stop', undefined, 'done'));
		});
		const result = await streamLLM({
			url: `${server.url}/chat`,
			headers: { 'x-trace': 'abc' },
			body: { messages: [{ role: 'user', content: 'Hi é' }] }
		});
		expect(result).toMatchObject({ text: 'Hello world', finished: true, finishReason: 'stop' });
		expect(result.error).toBeUndefined();
		const [request] = server.requests;
		expect(request.method).toBe('POST');
		expect(request.headers['content-type']).toBe('application/json');
		expect(request.headers['x-trace']).toBe('abc');
		expect(request.headers.accept).toBe('text/event-stream');
		expect(JSON.parse(request.body)).toEqual({ messages: [{ role: 'user', content: 'Hi é' }] });
	});

	test('GETs without a body; a string body is sent as is with the caller’s content type', async () => {
		server.handle((_, res) => {
			res.writeHead(200, SSE_HEADERS);
			res.end(textEvent('ok', undefined, 'done'));
		});
		await streamLLM({ url: server.url });
		await streamLLM({
			url: server.url,
			method: 'PUT',
			body: 'a=1',
			headers: { 'content-type': 'text/plain' }
		});
		expect(server.requests.map((r) => [r.method, r.body, r.headers['content-type']])).toEqual([
			['GET', '', undefined],
			['PUT', 'a=1', 'text/plain']
		]);
	});

	test('a ReadableStream body is streamed to the server (fetch needs duplex for it)', async () => {
		server.handle((_, res) => {
			res.writeHead(200, SSE_HEADERS);
			res.end(textEvent('ok') + textEvent('', undefined, 'done'));
		});
		const encoder = new TextEncoder();
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(encoder.encode('{"messages":'));
				controller.enqueue(encoder.encode('[]}'));
				controller.close();
			}
		});
		const result = await streamLLM({
			url: server.url,
			body,
			headers: { 'content-type': 'application/json' },
			reconnect: false
		});
		expect(result.error).toBeUndefined();
		expect(result).toMatchObject({ text: 'ok', finished: true });
		expect(server.requests.map((r) => [r.method, r.body])).toEqual([['POST', '{"messages":[]}']]);
	});

	test('abort ends the request at once and resolves with the partial text', async () => {
		server.handle(async (_, res) => {
			res.writeHead(200, SSE_HEADERS);
			await write(res, textEvent('partial'));
			// then stall: only the abort can end this
		});
		const controller = new AbortController();
		const result = await streamLLM({
			url: server.url,
			signal: controller.signal,
			onUpdate: (s) => {
				if (s.text === 'partial') controller.abort();
			}
		});
		expect(result.text).toBe('partial');
		expect(result.error?.code).toBe('aborted');
		expect(result.finished).toBe(false);
		await server.requests[0].closed; // the server sees the client go away
	});

	test('an already aborted signal sends nothing', async () => {
		server.handle((_, res) => res.end());
		const result = await streamLLM({ url: server.url, signal: AbortSignal.abort() });
		expect(result.error?.code).toBe('aborted');
		expect(server.requests).toHaveLength(0);
	});
});

describe('streamLLM: errors', () => {
	test('a 4xx is http_status with the status and an excerpt, and is not retried', async () => {
		server.handle((_, res) => {
			res.writeHead(401, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ error: { message: 'Invalid API key' } }) + ' '.repeat(10_000));
		});
		const result = await streamLLM({ url: server.url, body: {}, reconnect: fast });
		expect(result.error).toMatchObject({ code: 'http_status', status: 401 });
		expect(result.error?.message).toContain('Invalid API key');
		expect(result.error!.message.length).toBeLessThan(300);
		expect(server.requests).toHaveLength(1);
	});

	test('a 500 is retried, then the stream succeeds', async () => {
		server.handle((_, res, index) => {
			if (index === 0) {
				res.writeHead(500);
				res.end('boom');
				return;
			}
			res.writeHead(200, SSE_HEADERS);
			res.end(textEvent('fine', undefined, 'done'));
		});
		const result = await streamLLM({ url: server.url, body: { q: 1 }, reconnect: fast });
		expect(result).toMatchObject({ finished: true, text: '' });
		expect(server.requests).toHaveLength(2);
		expect(server.requests[1].body).toBe('{"q":1}');
	});

	test('repeated 503s stop after maxAttempts reconnects', async () => {
		server.handle((_, res) => {
			res.writeHead(503);
			res.end();
		});
		const reconnects: ReconnectInfo[] = [];
		const result = await streamLLM({
			url: server.url,
			reconnect: { ...fast, maxAttempts: 3 },
			onReconnect: (info) => reconnects.push(info)
		});
		expect(result.error).toMatchObject({ code: 'http_status', status: 503 });
		expect(server.requests).toHaveLength(4);
		expect(reconnects.map((r) => r.attempt)).toEqual([1, 2, 3]);
	});

	test('reconnect: false makes one request only', async () => {
		server.handle((_, res) => {
			res.writeHead(502);
			res.end();
		});
		const result = await streamLLM({ url: server.url, reconnect: false });
		expect(result.error?.status).toBe(502);
		expect(server.requests).toHaveLength(1);
	});

	test('429 with Retry-After waits exactly that long before retrying', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		try {
			server.handle((_, res, index) => {
				if (index === 0) {
					res.writeHead(429, { 'retry-after': '7' });
					res.end('slow down');
					return;
				}
				res.writeHead(200, SSE_HEADERS);
				res.end(textEvent('ok', undefined, 'done'));
			});
			const delays: number[] = [];
			const pending = streamLLM({
				url: server.url,
				reconnect: { initialDelayMs: 1, maxDelayMs: 60_000 },
				onReconnect: (info) => delays.push(info.delayMs)
			});
			await vi.waitUntil(() => delays.length === 1, { timeout: 5000, interval: 5 });
			expect(delays).toEqual([7000]);
			await vi.advanceTimersByTimeAsync(6999);
			expect(server.requests).toHaveLength(1);
			await vi.advanceTimersByTimeAsync(1);
			const result = await pending;
			expect(result.finished).toBe(true);
			expect(server.requests).toHaveLength(2);
		} finally {
			vi.useRealTimers();
		}
	});

	test('a Retry-After beyond maxDelayMs gives up and reports it', async () => {
		server.handle((_, res) => {
			res.writeHead(503, { 'retry-after': '3600' });
			res.end();
		});
		const result = await streamLLM({ url: server.url, reconnect: fast });
		expect(result.error).toMatchObject({
			code: 'http_status',
			status: 503,
			retryAfterMs: 3_600_000
		});
		expect(server.requests).toHaveLength(1);
	});

	test('a response that is not text/event-stream is bad_content_type', async () => {
		server.handle((_, res) => {
			res.writeHead(200, { 'content-type': 'text/html' });
			res.end('<html>login</html>');
		});
		const result = await streamLLM({ url: server.url, reconnect: fast });
		expect(result.error?.code).toBe('bad_content_type');
		expect(result.error?.message).toContain('text/html');
		expect(server.requests).toHaveLength(1);
	});

	test('malformed provider JSON is a protocol error with an excerpt; text before it stays', async () => {
		server.handle((_, res) => {
			res.writeHead(200, SSE_HEADERS);
			res.end(
				'data: {"choices":[{"index":0,"delta":{"content":"Hi"}}]}\n\ndata: {"choices": oops}\n\n'
			);
		});
		const result = await streamLLM({ url: server.url, protocol: 'openai-chat', reconnect: fast });
		expect(result.text).toBe('Hi');
		expect(result.error?.code).toBe('protocol');
		expect(result.error?.message).toContain('{"choices": oops}');
		expect(server.requests).toHaveLength(1);
	});

	test('maxEventBytes bounds each event: event_too_large, not retried, text before it kept', async () => {
		server.handle((_, res) => {
			res.writeHead(200, SSE_HEADERS);
			res.end(textEvent('small', 1) + textEvent('y'.repeat(300), 2) + textEvent('stop', 3, 'done'));
		});
		const result = await streamLLM({ url: server.url, maxEventBytes: 100, reconnect: fast });
		expect(result.text).toBe('small');
		expect(result.error?.code).toBe('event_too_large');
		expect(server.requests).toHaveLength(1);
		await expect(streamLLM({ url: server.url, maxEventBytes: -1 })).rejects.toThrow(
			/streamLLM: `maxEventBytes` must be a positive number/
		);
	});

	test('an error the provider sends in-stream is upstream with its message', async () => {
		server.handle((_, res) => {
			res.writeHead(200, SSE_HEADERS);
			res.end(
				'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Part"}}\n\n' +
					'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n'
			);
		});
		const result = await streamLLM({
			url: server.url,
			protocol: 'anthropic-messages',
			reconnect: fast
		});
		expect(result.text).toBe('Part');
		expect(result.error).toMatchObject({ code: 'upstream', message: 'Overloaded' });
	});

	test('a stall is idle_timeout, with the partial text kept', async () => {
		server.handle(async (_, res) => {
			res.writeHead(200, SSE_HEADERS);
			await write(res, textEvent('before the stall'));
		});
		// Generous: on a loaded machine the first event itself may take a while to arrive.
		const result = await streamLLM({ url: server.url, idleTimeoutMs: 1000, reconnect: fast });
		expect(result.text).toBe('before the stall');
		expect(result.error?.code).toBe('idle_timeout');
		expect(server.requests).toHaveLength(1);
		await server.requests[0].closed;
	});

	test('heartbeat comments keep a slow stream alive under the idle timeout', async () => {
		server.handle(async (_, res) => {
			res.writeHead(200, SSE_HEADERS);
			// 1.6 s in all, longer than the idle timeout, but never 1 s without a byte.
			for (let i = 0; i < 4; i++) {
				await write(res, ': ping\n\n');
				await new Promise((r) => setTimeout(r, 400));
			}
			res.end(textEvent('late') + textEvent('', undefined, 'done'));
		});
		const result = await streamLLM({ url: server.url, idleTimeoutMs: 1000, reconnect: false });
		expect(result).toMatchObject({ text: 'late', finished: true });
	});

	test('a server that never answers is idle_timeout too', async () => {
		server.handle(() => {});
		const result = await streamLLM({ url: server.url, idleTimeoutMs: 100, reconnect: false });
		expect(result.error?.code).toBe('idle_timeout');
	});

	test('a refused connection is a network error, retried up to maxAttempts', async () => {
		const closed = await startRawServer();
		const url = closed.url;
		await closed.close();
		const reconnects: ReconnectInfo[] = [];
		const result = await streamLLM({
			url,
			reconnect: { ...fast, maxAttempts: 2 },
			onReconnect: (r) => reconnects.push(r)
		});
		expect(result.error?.code).toBe('network');
		expect(reconnects).toHaveLength(2);
	});
});

describe('streamLLM: reconnecting without duplicating or losing text', () => {
	test('text without event ids is not re-requested after a drop: disconnected, text kept', async () => {
		server.handle(async (_, res) => {
			res.writeHead(200, SSE_HEADERS);
			await write(res, textEvent('one') + textEvent(' two') + 'data: thr');
			res.destroy();
		});
		const result = await streamLLM({ url: server.url, body: { q: 1 }, reconnect: fast });
		expect(result.text).toBe('one two');
		expect(result.error?.code).toBe('disconnected');
		expect(server.requests).toHaveLength(1);
	});

	test('a body that ends cleanly before the end marker is disconnected too', async () => {
		server.handle((_, res) => {
			res.writeHead(200, SSE_HEADERS);
			res.end(textEvent('half'));
		});
		const result = await streamLLM({ url: server.url, reconnect: fast });
		expect(result).toMatchObject({ text: 'half', finished: false });
		expect(result.error?.code).toBe('disconnected');
		expect(server.requests).toHaveLength(1);
	});

	test('with event ids it resumes with Last-Event-ID, and a server retry: sets the delay', async () => {
		server.handle(async (request, res) => {
			res.writeHead(200, SSE_HEADERS);
			if (!request.headers['last-event-id']) {
				await write(res, 'retry: 40\n' + textEvent('A', 1) + textEvent('B', 2) + 'id: 3\ndata: C');
				res.destroy();
				return;
			}
			res.end(textEvent('C', 3) + textEvent('stop', 4, 'done'));
		});
		const reconnects: ReconnectInfo[] = [];
		const result = await streamLLM({
			url: server.url,
			reconnect: { initialDelayMs: 100_000, maxDelayMs: 200_000 },
			onReconnect: (r) => reconnects.push(r)
		});
		expect(result).toMatchObject({ text: 'ABC', finished: true, lastEventId: '4' });
		expect(server.requests.map((r) => r.headers['last-event-id'])).toEqual([undefined, '2']);
		expect(reconnects).toHaveLength(1);
		expect(reconnects[0]).toMatchObject({ attempt: 1, lastEventId: '2' });
		expect(reconnects[0].delayMs).toBeLessThan(40);
		expect(reconnects[0].error.code).toBe('disconnected');
	});

	test('an id-carrying stream that stalls resumes after the idle timeout', async () => {
		server.handle(async (request, res) => {
			res.writeHead(200, SSE_HEADERS);
			if (!request.headers['last-event-id']) {
				await write(res, textEvent('x', 1));
				return; // stall
			}
			res.end(textEvent('y', 2) + textEvent('', 3, 'done'));
		});
		const result = await streamLLM({ url: server.url, idleTimeoutMs: 800, reconnect: fast });
		expect(result).toMatchObject({ text: 'xy', finished: true });
		expect(server.requests).toHaveLength(2);
	});

	test('50 runs dropping the connection at random points reproduce the text byte for byte', async () => {
		const random = seededRandom(2024);
		const tokens: string[] = [];
		for (let i = 0; i < 120; i++) {
			const pick = Math.floor(random() * 8);
			tokens.push(
				[' word', 'é', ' 🙂', '\n', 'a\nb', '  two spaces', ' 日本', '\r'][pick] + (i % 10)
			);
		}
		// CR cannot cross SSE; the decoder turns it into a line break, so the original uses LF.
		const original = tokens.map((t) => t.replace(/\r/g, '\n')).join('');
		const events = tokens.map((t, i) => textEvent(t.replace(/\r/g, '\n'), i + 1));
		events.push(textEvent('stop', tokens.length + 1, 'done'));
		const encoder = new TextEncoder();

		let dropsInRun = 0;
		let totalDrops = 0;
		server.handle(async (request, res) => {
			const from = Number(request.headers['last-event-id'] ?? 0);
			const bytes = encoder.encode(events.slice(from).join(''));
			res.writeHead(200, SSE_HEADERS);
			const drop = dropsInRun < 3 && random() < 0.8;
			if (!drop) {
				res.end(bytes);
				return;
			}
			dropsInRun++;
			totalDrops++;
			const cut = Math.floor(random() * bytes.length);
			await write(res, bytes.subarray(0, cut));
			if (random() < 0.5) res.destroy();
			else res.end(); // a clean end before the end marker
		});

		for (let run = 0; run < 50; run++) {
			dropsInRun = 0;
			const result = await streamLLM({
				url: server.url,
				body: { run },
				reconnect: { ...fast, maxAttempts: 4 }
			});
			expect(result.error).toBeUndefined();
			expect(result.finished).toBe(true);
			expect(result.text).toBe(original);
		}
		expect(totalDrops).toBeGreaterThan(50);
	});
});
