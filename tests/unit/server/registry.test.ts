import { afterEach, describe, expect, test, vi } from 'vitest';
import type { SSEMessage } from '../../../src/lib/server/encode.js';
import {
	createStreamRegistry,
	StreamRegistryError,
	type StreamRegistry
} from '../../../src/lib/server/registry.js';
import { createMemoryStreamStore, type StreamStore } from '../../../src/lib/server/stream-store.js';

/** Lets pending promise callbacks run, without any timer. */
const settle = async () => {
	for (let i = 0; i < 50; i++) await Promise.resolve();
};

/** A source the test feeds by hand; it records when its `finally` ran. */
function pushable() {
	const queue: Array<string | Error | null> = [];
	let wake: (() => void) | undefined;
	const state = { finallyRan: false, aborted: false };
	const put = (item: string | Error | null) => {
		queue.push(item);
		wake?.();
	};
	const source = (signal: AbortSignal) =>
		(async function* () {
			try {
				for (;;) {
					while (queue.length === 0) {
						await new Promise<void>((resolve) => {
							wake = resolve;
							signal.addEventListener('abort', () => resolve(), { once: true });
						});
						if (signal.aborted) {
							state.aborted = true;
							return;
						}
					}
					const item = queue.shift()!;
					if (item === null) return;
					if (item instanceof Error) throw item;
					yield item;
				}
			} finally {
				state.finallyRan = true;
			}
		})();
	return {
		source,
		state,
		push: (...items: string[]) => items.forEach(put),
		end: () => put(null),
		fail: (error: Error) => put(error)
	};
}

/** Reads `count` events from a follower. */
async function take(iterator: AsyncIterator<SSEMessage>, count: number): Promise<SSEMessage[]> {
	const out: SSEMessage[] = [];
	while (out.length < count) {
		const next = await iterator.next();
		if (next.done) break;
		out.push(next.value);
	}
	return out;
}

async function drain(iterable: AsyncIterable<SSEMessage>): Promise<SSEMessage[]> {
	const out: SSEMessage[] = [];
	for await (const event of iterable) out.push(event);
	return out;
}

async function rejection(promise: Promise<unknown>): Promise<StreamRegistryError> {
	try {
		await promise;
	} catch (error) {
		expect(error).toBeInstanceOf(StreamRegistryError);
		return error as StreamRegistryError;
	}
	throw new Error('expected a rejection');
}

let registry: StreamRegistry | undefined;
afterEach(async () => {
	await registry?.close();
	registry = undefined;
	vi.useRealTimers();
});

describe('createStreamRegistry', () => {
	test('ids are <streamId>:<seq>, counting up from 1', async () => {
		registry = createStreamRegistry({ createId: () => 'abc' });
		const model = pushable();
		const id = await registry.start(model.source);
		expect(id).toBe('abc');
		model.push('a', 'b', 'c');
		model.end();
		const events = await drain(await registry.follow(id));
		expect(events).toEqual([
			{ id: 'abc:1', data: 'a' },
			{ id: 'abc:2', data: 'b' },
			{ id: 'abc:3', data: 'c' }
		]);
	});

	test('a reconnect with Last-Event-ID gets exactly the events after it, then live ones', async () => {
		registry = createStreamRegistry();
		const model = pushable();
		const id = await registry.start(model.source);
		const first = await registry.follow(id);
		model.push('a', 'b', 'c');
		const seen = await take(first, 2);
		await first.return!();

		const resumed = await registry.follow(id, { lastEventId: seen.at(-1)!.id });
		expect(await take(resumed, 1)).toEqual([{ id: `${id}:3`, data: 'c' }]);
		model.push('d');
		expect(await take(resumed, 1)).toEqual([{ id: `${id}:4`, data: 'd' }]);
		model.end();
		expect(await resumed.next()).toEqual({ done: true, value: undefined });
		expect(model.state.finallyRan).toBe(true);
	});

	test('a bare sequence number works as Last-Event-ID too', async () => {
		registry = createStreamRegistry();
		const model = pushable();
		const id = await registry.start(model.source);
		model.push('a', 'b', 'c');
		model.end();
		const events = await drain(await registry.follow(id, { lastEventId: '1' }));
		expect(events.map((e) => e.data)).toEqual(['b', 'c']);
	});

	test('a client that lags behind a finished stream still gets every event and the end', async () => {
		registry = createStreamRegistry();
		const model = pushable();
		const id = await registry.start(model.source);
		const follower = await registry.follow(id);
		model.push('a', 'b');
		model.end();
		// The stream has ended before the client reads: one read returns the events and the end.
		await settle();
		expect(await registry.state(id)).toEqual({ status: 'done' });
		expect((await drain(follower)).map((e) => e.data)).toEqual(['a', 'b']);
	});

	test('several clients follow one generation and get the same events', async () => {
		registry = createStreamRegistry();
		const model = pushable();
		const id = await registry.start(model.source);
		const [one, two] = await Promise.all([registry.follow(id), registry.follow(id)]);
		const reading = Promise.all([drain(one), drain(two)]);
		model.push('x', 'y');
		model.end();
		const [a, b] = await reading;
		expect(a.map((e) => e.data)).toEqual(['x', 'y']);
		expect(b).toEqual(a);
	});

	test('stop(id) cancels the generation; followers get the events, then a stopped error', async () => {
		registry = createStreamRegistry();
		const model = pushable();
		const id = await registry.start(model.source);
		const follower = await registry.follow(id);
		model.push('a');
		expect(await take(follower, 1)).toHaveLength(1);
		expect(await registry.stop(id)).toBe(true);
		const error = await rejection(follower.next());
		expect(error.code).toBe('stopped');
		await settle();
		expect(model.state).toEqual({ finallyRan: true, aborted: true });
		expect(await registry.stop(id)).toBe(false);
	});

	test('a source that throws fails its followers with source_failed and the cause', async () => {
		registry = createStreamRegistry();
		const model = pushable();
		const id = await registry.start(model.source);
		const boom = new Error('upstream 502');
		model.push('a');
		model.fail(boom);
		const follower = await registry.follow(id);
		expect(await take(follower, 1)).toEqual([{ id: `${id}:1`, data: 'a' }]);
		const error = await rejection(follower.next());
		expect(error.code).toBe('source_failed');
		expect(error.cause).toBe(boom);
		expect(error.message).not.toContain('502');
	});

	test('finished streams are evicted after ttlMs', async () => {
		vi.useFakeTimers();
		registry = createStreamRegistry({ ttlMs: 1000 });
		const model = pushable();
		const id = await registry.start(model.source);
		model.push('a');
		model.end();
		await settle();
		expect(await registry.state(id)).toEqual({ status: 'done' });
		await vi.advanceTimersByTimeAsync(999);
		expect(await registry.state(id)).toEqual({ status: 'done' });
		await vi.advanceTimersByTimeAsync(1);
		expect(await registry.state(id)).toBeUndefined();
		expect((await rejection(registry.follow(id))).code).toBe('unknown_stream');
	});

	test('ttlMs: Infinity keeps finished streams (a timer would have evicted them at once)', async () => {
		registry = createStreamRegistry({ ttlMs: Infinity });
		const model = pushable();
		const id = await registry.start(model.source);
		model.push('a');
		model.end();
		await settle();
		await new Promise((resolve) => setTimeout(resolve, 40));
		expect(await registry.state(id)).toEqual({ status: 'done' });
	});

	test('a stream a client is still reading outlives its ttlMs until that client is done', async () => {
		vi.useFakeTimers();
		registry = createStreamRegistry({ ttlMs: 1000 });
		const model = pushable();
		const id = await registry.start(model.source);
		model.push('a');
		await settle();
		const reader = await registry.follow(id);
		expect((await reader.next()).value).toMatchObject({ data: 'a' });
		model.push('b');
		model.push('c');
		model.end();
		await settle();
		// The slow reader has not read b and c yet when the finished stream's TTL passes.
		await vi.advanceTimersByTimeAsync(5000);
		const rest: unknown[] = [];
		for (let next = await reader.next(); !next.done; next = await reader.next()) {
			rest.push((next.value as SSEMessage).data);
		}
		expect(rest).toEqual(['b', 'c']);
		// Once the last reader has left, the expired stream goes.
		await settle();
		expect(await registry.state(id)).toBeUndefined();
	});

	test('maxStreams rejects a new stream with a clear error', async () => {
		registry = createStreamRegistry({ maxStreams: 2 });
		await registry.start(pushable().source);
		await registry.start(pushable().source);
		const error = await rejection(registry.start(pushable().source));
		expect(error.code).toBe('too_many_streams');
		expect(error.message).toMatch(/maxStreams \(2\)/);
	});

	test('maxStreams also holds for starts that race each other', async () => {
		registry = createStreamRegistry({ maxStreams: 1 });
		const results = await Promise.allSettled([
			registry.start(pushable().source),
			registry.start(pushable().source)
		]);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
	});

	test('maxEventsPerStream stops a source that produces too much', async () => {
		registry = createStreamRegistry({ maxEventsPerStream: 2 });
		const model = pushable();
		const id = await registry.start(model.source);
		model.push('a', 'b', 'c', 'd');
		const follower = await registry.follow(id);
		expect((await take(follower, 2)).map((e) => e.data)).toEqual(['a', 'b']);
		const error = await rejection(follower.next());
		expect(error.code).toBe('too_many_events');
		expect(error.message).toMatch(/maxEventsPerStream \(2\)/);
		await settle();
		expect(model.state.finallyRan).toBe(true);
	});

	test('a generation nobody follows for orphanTimeoutMs is stopped', async () => {
		vi.useFakeTimers();
		registry = createStreamRegistry({ orphanTimeoutMs: 500 });
		const model = pushable();
		const id = await registry.start(model.source);
		const follower = await registry.follow(id);
		await vi.advanceTimersByTimeAsync(5000);
		expect(model.state.finallyRan).toBe(false); // followed: keeps running
		await follower.return!();
		await vi.advanceTimersByTimeAsync(499);
		expect(model.state.finallyRan).toBe(false);
		await registry.follow(id).then((again) => again.return!()); // a reconnect restarts the clock
		await vi.advanceTimersByTimeAsync(499);
		expect(model.state.finallyRan).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		expect(model.state.finallyRan).toBe(true);
		expect(await registry.state(id)).toMatchObject({ status: 'failed', code: 'abandoned' });
	});

	test('an aborted follow signal detaches that client', async () => {
		vi.useFakeTimers();
		registry = createStreamRegistry({ orphanTimeoutMs: 0 });
		const model = pushable();
		const id = await registry.start(model.source);
		const abort = new AbortController();
		const follower = await registry.follow(id, { signal: abort.signal });
		const pending = follower.next();
		abort.abort();
		expect(await pending).toEqual({ done: true, value: undefined });
		await vi.advanceTimersByTimeAsync(0);
		expect(model.state.finallyRan).toBe(true);
	});

	test.each([
		['another stream', 'other:3'],
		['not a number', 'abc'],
		['a negative number', '-1']
	])('a Last-Event-ID of %s is rejected', async (_name, lastEventId) => {
		registry = createStreamRegistry({ createId: () => 's1' });
		const id = await registry.start(pushable().source);
		const error = await rejection(registry.follow(id, { lastEventId }));
		expect(error.code).toBe('invalid_last_event_id');
	});

	test('streamIdOf reads the stream out of an event id', () => {
		registry = createStreamRegistry();
		expect(registry.streamIdOf('text-1:2:15')).toBe('text-1:2');
		expect(registry.streamIdOf('abc:7')).toBe('abc');
		expect(registry.streamIdOf('7')).toBeUndefined();
		expect(registry.streamIdOf(':7')).toBeUndefined();
		expect(registry.streamIdOf('abc:x')).toBeUndefined();
		expect(registry.streamIdOf(null)).toBeUndefined();
	});

	test('a taken id is rejected', async () => {
		registry = createStreamRegistry();
		await registry.start(pushable().source, { id: 'same' });
		expect((await rejection(registry.start(pushable().source, { id: 'same' }))).code).toBe(
			'stream_exists'
		);
	});

	test.each([
		['ttlMs', { ttlMs: -1 }],
		['maxStreams', { maxStreams: Number.NaN }]
	])('rejects a bad %s with a TypeError', (name, options) => {
		expect(() => createStreamRegistry(options)).toThrow(new RegExp(name));
	});

	test.each([
		['append', ['append']],
		['append and end', ['append', 'end']]
	])(
		'a store that fails on %s stops the source, without an unhandled rejection',
		async (_name, failing) => {
			const memory = createMemoryStreamStore();
			const down = () => Promise.reject(new Error('store down'));
			registry = createStreamRegistry({
				store: {
					...memory,
					append: failing.includes('append') ? down : memory.append,
					end: failing.includes('end') ? down : memory.end
				}
			});
			const model = pushable();
			await registry.start(model.source);
			model.push('a');
			await settle();
			expect(model.state.finallyRan).toBe(true);
		}
	);

	test('works with any store behind the interface (an async one here)', async () => {
		const memory = createMemoryStreamStore();
		const calls: string[] = [];
		// Every call answers on a later macrotask, as a networked store would.
		const later = <T>(name: string, run: () => T | Promise<T>) =>
			new Promise<T>((resolve) => setImmediate(() => (calls.push(name), resolve(run()))));
		const asyncStore: StreamStore = {
			create: (id) => later('create', () => memory.create(id)),
			append: (id, event) => later('append', () => memory.append(id, event)),
			end: (id, state) => later('end', () => memory.end(id, state)),
			read: (id, after) => later('read', () => memory.read(id, after)),
			subscribe: (id, listener) => memory.subscribe(id, listener),
			delete: (id) => later('delete', () => memory.delete(id)),
			size: () => later('size', () => memory.size())
		};
		registry = createStreamRegistry({ store: asyncStore });
		const model = pushable();
		const id = await registry.start(model.source);
		const follower = await registry.follow(id);
		model.push('a', 'b');
		model.end();
		expect((await drain(follower)).map((e) => e.data)).toEqual(['a', 'b']);
		expect(calls).toEqual(expect.arrayContaining(['size', 'create', 'append', 'end', 'read']));
	});
});
