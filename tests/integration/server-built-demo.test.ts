// The acceptance tests of the server work, against the built demo (`node build`, adapter-node) on a
// real socket: unbuffered first event, cleanup when the client leaves, drop-after + resume.
import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { streamLLM } from '../../src/lib/core/transport/stream-llm.js';
import { startBuiltDemo, type BuiltDemo } from './server-demo.js';
import { decodeSSE } from '../helpers/sse-client.js';

let demo: BuiltDemo;
beforeAll(async () => {
	// A short orphan timeout, so an abandoned generation is stopped within the test's patience.
	demo = await startBuiltDemo({ CHAT_ORPHAN_TIMEOUT_MS: '300' });
}, 180_000);
afterAll(() => demo?.stop());

interface Exchange {
	status: number;
	headers: IncomingHttpHeaders;
	body: string;
	/** Whether the chunked body ended with its terminating chunk (false: the socket broke). */
	complete: boolean;
}

/**
 * One HTTP exchange with node:http, so the test sees the raw body and whether it ended cleanly.
 * `onBody` sees the body so far after every chunk and may destroy the request.
 */
function exchange(
	path: string,
	options: { method?: string; headers?: Record<string, string>; body?: string } = {},
	onBody?: (body: string, request: ClientRequest) => void
): Promise<Exchange> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			`${demo.url}${path}`,
			{ method: options.method ?? 'POST', headers: options.headers },
			(res) => {
				let body = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => {
					body += chunk;
					onBody?.(body, req);
				});
				const settle = () =>
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						body,
						complete: res.complete
					});
				res.on('end', settle);
				res.on('error', settle); // "aborted": the server destroyed the socket mid-body
				res.on('close', settle);
			}
		);
		req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
		if (options.body !== undefined) req.write(options.body);
		req.end();
	});
}

const json = { 'content-type': 'application/json' };
const chatBody = (content: string, extra: object = {}) =>
	JSON.stringify({ messages: [{ role: 'user', content }], ...extra });

const eventCount = (body: string) => decodeSSE(body).length;

describe('the built demo streams without buffering', () => {
	test('the first event arrives while the generator is still producing', async () => {
		let logAtFirstEvent: ReturnType<BuiltDemo['generationLog']> | undefined;
		let streamId = '';
		const result = await exchange(
			'/api/chat',
			{ headers: json, body: chatBody('echo: one two three four five six', { delayMs: 120 }) },
			(body) => {
				if (!logAtFirstEvent && eventCount(body) >= 1) {
					logAtFirstEvent = demo.generationLog();
					streamId = decodeSSE(body)[0].id.split(':')[0];
				}
			}
		);
		expect(result.status).toBe(200);
		expect(result.headers['x-stream-id']).toBe(streamId);
		// When the first event reached the client, the generation had started and not yet finished.
		const mine = logAtFirstEvent!.filter((entry) => entry.streamId === streamId);
		expect(mine.map((entry) => entry.event)).toEqual(['start']);
		// And it did finish, normally, after the client had it all.
		await demo.waitForLog((log) =>
			log.some((e) => e.streamId === streamId && e.event === 'finally')
		);
		expect(
			demo.generationLog().find((e) => e.streamId === streamId && e.event === 'finally')
		).toMatchObject({ sent: 7, aborted: false });
		expect(decodeSSE(result.body).map((e) => e.data)).toEqual([
			'one',
			' two',
			' three',
			' four',
			' five',
			' six',
			'stop'
		]);
	});

	test('a client that disconnects mid-stream makes the generator run its finally', async () => {
		let streamId = '';
		await exchange(
			'/api/chat',
			{ headers: json, body: chatBody('Explain streaming', { delayMs: 40 }) },
			(body, req) => {
				if (eventCount(body) >= 3 && !req.destroyed) {
					streamId = decodeSSE(body)[0].id.split(':')[0];
					req.destroy();
				}
			}
		);
		expect(streamId).not.toBe('');
		await demo.waitForLog((log) =>
			log.some((e) => e.streamId === streamId && e.event === 'finally')
		);
		const end = demo.generationLog().find((e) => e.streamId === streamId && e.event === 'finally')!;
		// Stopped early: the default answer has well over 100 tokens.
		expect(end.aborted).toBe(true);
		expect(end.sent).toBeLessThan(100);
	});
});

describe('drop-after:N and resume with Last-Event-ID', () => {
	const body = chatBody('echo: alpha beta gamma delta epsilon zeta eta theta', {
		delayMs: 20,
		fault: 'drop-after:3'
	});

	async function dropThenResume(
		resume: (lastEventId: string, streamId: string) => Promise<Exchange>,
		request = body
	) {
		const dropped = await exchange('/api/chat', { headers: json, body: request });
		expect(dropped.status).toBe(200);
		// The socket was destroyed mid-body: no terminating chunk, not a clean end.
		expect(dropped.complete).toBe(false);
		const first = decodeSSE(dropped.body);
		expect(first).toHaveLength(3);
		const streamId = String(dropped.headers['x-stream-id']);
		const resumed = await resume(first.at(-1)!.id, streamId);
		expect(resumed.status).toBe(200);
		expect(resumed.complete).toBe(true);
		const rest = decodeSSE(resumed.body);
		const all = [...first, ...rest];
		// Exactly the remaining events: ids consecutive from 1, no duplicate, no gap.
		expect(all.map((e) => e.id)).toEqual(all.map((_, i) => `${streamId}:${i + 1}`));
		expect(
			all
				.filter((e) => e.event === 'message')
				.map((e) => e.data)
				.join('')
		).toBe('alpha beta gamma delta epsilon zeta eta theta');
		expect(all.at(-1)).toMatchObject({ event: 'done', data: 'stop' });
		return streamId;
	}

	test('re-sending the same POST with Last-Event-ID attaches, without a new generation', async () => {
		const before = demo.generationLog().filter((e) => e.event === 'start').length;
		await dropThenResume((lastEventId) =>
			exchange('/api/chat', { headers: { ...json, 'last-event-id': lastEventId }, body })
		);
		expect(demo.generationLog().filter((e) => e.event === 'start').length).toBe(before + 1);
	});

	test('with no token delay too: the 3 events reach the client before the socket drops', async () => {
		const fast = chatBody('echo: alpha beta gamma delta epsilon zeta eta theta', {
			delayMs: 0,
			fault: 'drop-after:3'
		});
		await dropThenResume(
			(lastEventId) =>
				exchange('/api/chat', { headers: { ...json, 'last-event-id': lastEventId }, body: fast }),
			fast
		);
	});

	test('the lastEventId query parameter works for clients that cannot set headers', async () => {
		await dropThenResume((lastEventId) =>
			exchange(`/api/chat?lastEventId=${encodeURIComponent(lastEventId)}`, {
				headers: json,
				body
			})
		);
	});

	test('GET /api/chat/{streamId} with Last-Event-ID resumes too', async () => {
		await dropThenResume((lastEventId, streamId) =>
			exchange(`/api/chat/${streamId}`, {
				method: 'GET',
				headers: { 'last-event-id': lastEventId }
			})
		);
	});

	test("the kit's generic streamLLM client resumes against the demo and gets the whole answer", async () => {
		const reconnects: string[] = [];
		const result = await streamLLM({
			url: `${demo.url}/api/chat`,
			body: JSON.parse(body),
			reconnect: { initialDelayMs: 10, maxDelayMs: 50 },
			onReconnect: (info) => reconnects.push(info.lastEventId)
		});
		expect(result.error).toBeUndefined();
		expect(result.finished).toBe(true);
		expect(result.text).toBe('alpha beta gamma delta epsilon zeta eta theta');
		expect(reconnects).toHaveLength(1);
		expect(reconnects[0]).toMatch(/:3$/);
	});

	test('a second client can follow the same generation from the start', async () => {
		let second: Promise<Exchange> | undefined;
		const first = await exchange(
			'/api/chat',
			{ headers: json, body: chatBody('echo: shared by two clients', { delayMs: 60 }) },
			(body) => {
				if (!second && eventCount(body) >= 1) {
					const streamId = decodeSSE(body)[0].id.split(':')[0];
					second = exchange(`/api/chat/${streamId}`, { method: 'GET' });
				}
			}
		);
		const other = await second!;
		expect(other.complete).toBe(true);
		expect(decodeSSE(other.body)).toEqual(decodeSSE(first.body));
		expect(decodeSSE(first.body).at(-1)?.event).toBe('done');
	});

	test('a resume of an unknown stream is a 404 JSON error', async () => {
		const result = await exchange('/api/chat/text-nope', {
			method: 'GET',
			headers: { 'last-event-id': 'text-nope:2' }
		});
		expect(result.status).toBe(404);
		expect(JSON.parse(result.body)).toEqual({
			error: { code: 'unknown_stream', message: expect.any(String) }
		});
	});
});
