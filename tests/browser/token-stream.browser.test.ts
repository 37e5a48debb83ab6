// The default scheduler in a real browser: requestAnimationFrame, not the jsdom tests' manual frames.
import { flushSync } from 'svelte';
import { afterEach, expect, test } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { createTokenStream } from '../../src/lib/svelte/token-stream.svelte.js';
import Harness from '../unit/svelte/token-stream-harness.svelte';

const realRequestAnimationFrame = window.requestAnimationFrame;
afterEach(() => {
	window.requestAnimationFrame = realRequestAnimationFrame;
});

/** A fetch whose response the test writes, chunk by chunk. */
function scriptedFetch() {
	let controller!: ReadableStreamDefaultController<Uint8Array>;
	const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
	const encoder = new TextEncoder();
	const fetch = (async () =>
		new Response(body, {
			headers: { 'content-type': 'text/event-stream' }
		})) as typeof globalThis.fetch;
	return {
		fetch,
		write: (sse: string) => controller.enqueue(encoder.encode(sse)),
		close: () => controller.close()
	};
}

const nextFrame = () => new Promise((resolve) => realRequestAnimationFrame(resolve));

test('with the default scheduler, updates follow animation frames: never more than one per frame', async () => {
	let framesRun = 0;
	window.requestAnimationFrame = (callback) =>
		realRequestAnimationFrame((time) => {
			framesRun++;
			callback(time);
		});
	const server = scriptedFetch();
	let parsed = 0;
	const stream = createTokenStream({
		url: '/api/chat',
		fetch: server.fetch,
		onToken: () => parsed++
	});
	const { container } = await render(Harness, { stream });
	const shown = (id: string) => container.querySelector(`[data-testid="${id}"]`)?.textContent;
	let updates = 0;
	stream.subscribe(() => updates++);
	const updatesBefore = updates;

	const done = stream.start(); // one update: status `connecting`
	const tokens = Array.from({ length: 1000 }, (_, i) => `w${i} `);
	for (let round = 0; round < 5; round++) {
		// 200 tokens in one chunk, five times, each burst far faster than a frame.
		server.write(
			tokens
				.slice(round * 200, round * 200 + 200)
				.map((t) => `data: ${t}\n\n`)
				.join('')
		);
		await new Promise((resolve) => setTimeout(resolve, 0));
	}
	await nextFrame();
	await nextFrame();
	server.write('event: done\ndata: stop\n\n');
	server.close();
	await done;
	flushSync();

	expect(parsed).toBe(1000);
	expect(stream.text).toBe(tokens.join(''));
	expect(shown('rune-text')).toBe(tokens.join(''));
	expect(shown('store-status')).toBe('done');
	// `connecting`, one per animation frame that ran with tokens pending, and the final flush.
	const streamingUpdates = updates - updatesBefore - 2;
	expect(framesRun).toBeGreaterThan(0);
	expect(streamingUpdates).toBeGreaterThanOrEqual(1);
	expect(streamingUpdates).toBeLessThanOrEqual(framesRun);
	expect(streamingUpdates).toBeLessThan(1000 / 100);
});
