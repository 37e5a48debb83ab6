// The stores against the kit's own demo endpoint, built and served by `node build` on a free port
// (from a private copy of build/, see server-demo.ts): for every fault mode, the state a user would
// see (status, partial text, error) is asserted.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createChat } from '../../src/lib/svelte/chat.svelte.js';
import {
	createTokenStream,
	type StreamStatus,
	type TokenStreamOptions
} from '../../src/lib/svelte/token-stream.svelte.js';
import { startBuiltDemo, type BuiltDemo } from './server-demo.js';

let demo: BuiltDemo;
beforeAll(async () => {
	demo = await startBuiltDemo();
}, 120_000);
afterAll(() => demo?.stop());

const WORDS = 'one two three four five six';
const FAST_RECONNECT = { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 50 };

/** A stream on the demo endpoint that records what the user would see at each status change. */
function demoStream(fields: object, options: Partial<TokenStreamOptions> = {}) {
	const seen: Array<{ status: StreamStatus; text: string }> = [];
	const stream = createTokenStream({
		url: `${demo.url}/api/chat`,
		body: { messages: [{ role: 'user', content: `echo: ${WORDS}` }], delayMs: 5, ...fields },
		reconnect: FAST_RECONNECT,
		onStatusChange: (status) => seen.push({ status, text: stream.text }),
		...options
	});
	return { stream, seen, statuses: () => seen.map((s) => s.status) };
}

describe('stores on the demo endpoint (node build)', () => {
	test('no fault: connecting → streaming → done with the exact text and metrics', async () => {
		const { stream, statuses } = demoStream({});
		const result = await stream.start();
		expect(result.error).toBeUndefined();
		expect(stream.status).toBe('done');
		expect(stream.text).toBe(WORDS);
		expect(stream.error).toBeNull();
		expect(statuses()[0]).toBe('connecting');
		expect(statuses().at(-1)).toBe('done');
		expect(stream.metrics.tokens).toBe(6);
		expect(stream.metrics.ttftMs).toBeGreaterThan(0);
		expect(stream.metrics.durationMs).toBeGreaterThanOrEqual(stream.metrics.ttftMs!);
	});

	test('drop-after:2: reconnecting shows the partial text, then the answer resumes without gaps or repeats', async () => {
		const { stream, seen, statuses } = demoStream({ fault: 'drop-after:2' });
		await stream.start();
		expect(statuses()).toContain('reconnecting');
		const atDrop = seen.find((s) => s.status === 'reconnecting')!;
		expect(atDrop.text).toBe('one two');
		expect(stream.status).toBe('done');
		expect(stream.text).toBe(WORDS);
		expect(stream.metrics.reconnects).toBeGreaterThanOrEqual(1);
		expect(statuses().at(-1)).toBe('done');
	});

	test('error-after:3: status error, the StreamError, and the three tokens stay visible', async () => {
		const { stream } = demoStream({ fault: 'error-after:3' });
		await stream.start();
		expect(stream.status).toBe('error');
		expect(stream.error?.code).toBe('upstream');
		expect(stream.error?.message).toMatch(/failed after 3 events/);
		expect(stream.text).toBe('one two three');
	});

	test('status:500: a reconnect is tried, then status error with the HTTP status and no text', async () => {
		const { stream, statuses } = demoStream(
			{ fault: 'status:500' },
			{ reconnect: { maxAttempts: 1, initialDelayMs: 10, maxDelayMs: 20 } }
		);
		await stream.start();
		expect(statuses()).toEqual(['connecting', 'reconnecting', 'error']);
		expect(stream.error?.code).toBe('http_status');
		expect(stream.error?.status).toBe(500);
		expect(stream.text).toBe('');
		expect(stream.metrics.reconnects).toBe(1);
	});

	test('status:429 with a Retry-After beyond maxDelayMs: error at once, with how long to wait', async () => {
		const { stream, statuses } = demoStream({ fault: 'status:429' });
		await stream.start();
		expect(statuses()).toEqual(['connecting', 'error']);
		expect(stream.error?.status).toBe(429);
		expect(stream.error?.retryAfterMs).toBe(1000);
		expect(stream.text).toBe('');
	});

	test('stall-after:2 with an idle timeout: status error idle_timeout, the two tokens kept', async () => {
		const { stream } = demoStream(
			{ fault: 'stall-after:2' },
			{ idleTimeoutMs: 300, reconnect: false }
		);
		await stream.start();
		expect(stream.status).toBe('error');
		expect(stream.error?.code).toBe('idle_timeout');
		expect(stream.text).toBe('one two');
	});

	test('slow-first:400: connecting until the first token, and ttft counts the wait', async () => {
		const { stream, seen } = demoStream({ fault: 'slow-first:400' });
		await stream.start();
		expect(seen[0]).toEqual({ status: 'connecting', text: '' });
		expect(stream.status).toBe('done');
		expect(stream.text).toBe(WORDS);
		expect(stream.metrics.ttftMs).toBeGreaterThanOrEqual(400);
	});

	test('stop() mid-answer: status aborted with the partial text, and the server sees the disconnect', async () => {
		// A demo that stops a generation as soon as its last client leaves (the default waits 10 s
		// for a resume), so the generator's logged `finally` shows the disconnect.
		const eager = await startBuiltDemo({ CHAT_ORPHAN_TIMEOUT_MS: '0' });
		try {
			let tokens = 0;
			const stream = createTokenStream({
				url: `${eager.url}/api/chat`,
				// The canned answer (well over 100 tokens): still generating when Stop comes.
				body: { messages: [{ role: 'user', content: 'Explain streaming' }], delayMs: 40 },
				// The user presses Stop right after the second token arrived.
				onToken: () => {
					if (++tokens === 2) setTimeout(stream.stop, 0);
				}
			});
			const result = await stream.start();
			expect(result.error?.code).toBe('aborted');
			expect(stream.status).toBe('aborted');
			expect(stream.text).toBe('## Streaming');
			expect(stream.error).toBeNull();

			// Event ids are `<streamId>:<n>`; the generator's `finally` logs whether it was cut short.
			const streamId = result.lastEventId.split(':')[0];
			const ended = (log: ReturnType<BuiltDemo['generationLog']>) =>
				log.find((e) => e.streamId === streamId && e.event === 'finally');
			await eager.waitForLog((log) => ended(log) !== undefined);
			expect(ended(eager.generationLog())).toMatchObject({ aborted: true });
			expect(ended(eager.generationLog())!.sent).toBeLessThan(100);
			expect(stream.text).toBe('## Streaming'); // nothing arrived after the stop
		} finally {
			await eager.stop();
		}
	}, 30_000);

	test('protocol ai-sdk-ui from the same endpoint gives the same text', async () => {
		const { stream } = demoStream({ protocol: 'ai-sdk-ui' }, { protocol: 'ai-sdk-ui' });
		await stream.start();
		expect(stream.status).toBe('done');
		expect(stream.text).toBe(WORDS);
	});

	test('createChat: two turns, the conversation is sent each time, answers in place', async () => {
		const chat = createChat({
			url: `${demo.url}/api/chat`,
			prepareBody: (messages) => ({ messages, delayMs: 2 })
		});
		await chat.send('echo: first answer');
		await chat.send('echo: second answer');
		expect(chat.status).toBe('done');
		expect(chat.messages.map((m) => [m.role, m.content])).toEqual([
			['user', 'echo: first answer'],
			['assistant', 'first answer'],
			['user', 'echo: second answer'],
			['assistant', 'second answer']
		]);
	});
});
