import { expect, test } from 'vitest';
import { createSSEDecoder, streamLLM, type LLMSnapshot } from '../../../src/lib/core/index.js';

function controlledResponse() {
	let controller!: ReadableStreamDefaultController<Uint8Array>;
	const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
	const encoder = new TextEncoder();
	return {
		response: new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
		send: (text: string) => controller.enqueue(encoder.encode(text)),
		end: () => controller.close()
	};
}

test('runs in Chromium; hiding the tab neither re-sends nor interrupts the stream', async () => {
	const stream = controlledResponse();
	let calls = 0;
	const fakeFetch: typeof fetch = async () => {
		calls++;
		return stream.response;
	};
	const updates: LLMSnapshot[] = [];
	let firstUpdate!: () => void;
	const gotFirst = new Promise<void>((resolve) => (firstUpdate = resolve));
	const pending = streamLLM({
		url: '/never-requested',
		body: { q: 1 },
		fetch: fakeFetch,
		reconnect: { initialDelayMs: 1 },
		onUpdate: (s) => {
			updates.push(s);
			firstUpdate();
		}
	});
	stream.send('data: visible\n\n');
	await gotFirst;

	Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
	Object.defineProperty(document, 'hidden', { value: true, configurable: true });
	document.dispatchEvent(new Event('visibilitychange'));
	window.dispatchEvent(new Event('pagehide'));
	window.dispatchEvent(new Event('blur'));

	stream.send('data:  and hidden\n\nevent: done\ndata\n\n');
	stream.end();
	const result = await pending;
	expect(result).toMatchObject({ text: 'visible and hidden', finished: true });
	expect(calls).toBe(1);
	expect(updates.map((u) => u.text)).toEqual([
		'visible',
		'visible and hidden',
		'visible and hidden'
	]);
});

test('the decoder handles UTF-8 split across chunks in the browser’s TextDecoder', () => {
	const bytes = new TextEncoder().encode('data: 日本🙂\r\n\r\n');
	const seen: string[] = [];
	const decoder = createSSEDecoder({ onEvent: (e) => seen.push(e.data) });
	for (const byte of bytes) decoder.push(new Uint8Array([byte]));
	expect(seen).toEqual(['日本🙂']);
});
