import { flushSync } from 'svelte';
import { expect, test } from 'vitest';
import {
	createTokenStream,
	type StreamStatus
} from '../../../src/lib/svelte/token-stream.svelte.js';
import { createFakeFetch, createManualFrames, until } from './token-stream-harness.js';

test('a dropped connection that resumes goes streaming → reconnecting → streaming → done, keeping the text', async () => {
	const server = createFakeFetch();
	const frames = createManualFrames();
	const statuses: StreamStatus[] = [];
	const reconnects: number[] = [];
	let parsed = 0;
	const stream = createTokenStream({
		url: 'http://test.local/api/chat',
		fetch: server.fetch,
		schedule: frames.schedule,
		// A 0–1 ms back-off keeps the test fast without faking the transport's timers.
		reconnect: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 1 },
		onStatusChange: (status) => statuses.push(status),
		onReconnect: (info) => reconnects.push(info.attempt),
		onToken: () => parsed++
	});
	const frame = () => {
		frames.run();
		flushSync();
	};

	const done = stream.start({ body: { q: 'resume me' } });
	await until(() => server.exchanges.length === 1);
	server.exchanges[0].write('id: 1\ndata: Hel\n\n');
	await until(() => (frame(), stream.status === 'streaming'));
	expect(stream.text).toBe('Hel');

	server.exchanges[0].write('id: 2\ndata: lo\n\n');
	await until(() => parsed === 2); // parsed, its frame not run yet
	server.exchanges[0].close(); // dropped before `done`
	await until(() => stream.status === 'reconnecting');
	// Everything that arrived before the drop is shown while reconnecting, without a frame.
	expect(stream.text).toBe('Hello');
	expect(stream.metrics.reconnects).toBe(1);
	expect(reconnects).toEqual([1]);

	await until(() => server.exchanges.length === 2);
	expect(server.exchanges[1].headers.get('last-event-id')).toBe('2');
	server.exchanges[1].write('id: 3\ndata: !\n\n');
	await until(() => (frame(), stream.status === 'streaming'));
	expect(stream.text).toBe('Hello!');

	server.exchanges[1].write('event: done\ndata: stop\n\n');
	server.exchanges[1].close();
	const result = await done;
	expect(result.text).toBe('Hello!');
	expect(stream.status).toBe('done');
	expect(stream.metrics.reconnects).toBe(1);
	expect(statuses).toEqual(['connecting', 'streaming', 'reconnecting', 'streaming', 'done']);
});

test('a drop that cannot be resumed ends in error with the partial text', async () => {
	const server = createFakeFetch();
	const statuses: StreamStatus[] = [];
	const stream = createTokenStream({
		onStatusChange: (status) => statuses.push(status),
		url: 'http://test.local/api/chat',
		fetch: server.fetch,
		schedule: createManualFrames().schedule,
		reconnect: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 1 }
	});
	const done = stream.start();
	await until(() => server.exchanges.length === 1);
	server.exchanges[0].write('id: 1\ndata: Partial\n\n');
	server.exchanges[0].close();
	// Every reconnect's response ends at once without an event, until the attempts run out.
	for (let i = 1; i <= 2; i++) {
		await until(() => server.exchanges.length === i + 1);
		server.exchanges[i].close();
	}
	const result = await done;
	expect(result.error).toBeDefined();
	expect(stream.status).toBe('error');
	expect(stream.error?.code).toBe(result.error?.code);
	expect(stream.text).toBe('Partial');
	expect(stream.metrics.reconnects).toBe(2);
	expect(statuses).toEqual(['connecting', 'streaming', 'reconnecting', 'error']);
});
