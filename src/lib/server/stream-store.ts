import type { SSEMessage } from './encode.js';

/**
 * A value, or a promise of it: the in-memory store answers at once, a networked one later. The
 * registry awaits every {@link StreamStore} result, so a store may return either.
 *
 * @example
 * ```ts
 * const size = (): MaybePromise<number> => redis.scard('llm:streams'); // a Promise<number>
 * const count = await size();
 * ```
 */
export type MaybePromise<T> = T | Promise<T>;

/**
 * One stored event, as the registry hands it to {@link StreamStore.append}; `seq` counts from 1
 * within its stream and the message already carries its id `<streamId>:<seq>`.
 *
 * @example
 * ```ts
 * async append(id: string, event: StoredEvent) {
 *   await redis.rpush(`llm:${id}`, JSON.stringify(event)); // a list: seq n sits at index n - 1
 * }
 * ```
 */
export interface StoredEvent {
	seq: number;
	message: SSEMessage;
}

/**
 * How a stored stream ended, or that it is still running: what {@link StreamRegistry.state}
 * resolves with, and what a {@link StreamStore} records in `end`.
 *
 * @example
 * ```ts
 * const state: StoredStreamState | undefined = await registry.state(id);
 * if (state?.status === 'failed') console.warn(id, state.code, state.message);
 * ```
 */
export type StoredStreamState =
	{ status: 'running' } | { status: 'done' } | { status: 'failed'; code: string; message: string };

/**
 * What {@link StreamStore.read} returns: the events a resuming client is missing, and whether more
 * can follow.
 *
 * @example
 * ```ts
 * const slice: StoredStreamSlice | undefined = await store.read(id, 41); // events with seq > 41
 * for (const { message } of slice?.events ?? []) yield message;
 * ```
 */
export interface StoredStreamSlice {
	/** The events after the requested `seq`, in order. */
	events: StoredEvent[];
	state: StoredStreamState;
}

/**
 * Where a {@link StreamRegistry} keeps events. The registry owns numbering, limits and timing; a
 * store only persists and notifies, so a Redis (or database) store needs these seven methods and
 * nothing else. Methods may return promises.
 *
 * @example
 * ```ts
 * const registry = createStreamRegistry({ store: createMemoryStreamStore() });
 * ```
 */
export interface StreamStore {
	/** Creates an empty running stream. Returns `false` when the id is taken. */
	create(id: string): MaybePromise<boolean>;
	/** Appends one event to a running stream. */
	append(id: string, event: StoredEvent): MaybePromise<void>;
	/** Records that a stream ended; later `append` calls are not made. */
	end(id: string, state: Exclude<StoredStreamState, { status: 'running' }>): MaybePromise<void>;
	/** The events with `seq > after` and the state, or `undefined` for an unknown id. */
	read(id: string, after: number): MaybePromise<StoredStreamSlice | undefined>;
	/**
	 * Calls `listener` after every append to, or end of, stream `id`. Returns the unsubscribe at
	 * once, not a promise: a subscription that takes a round trip is started in the background and
	 * calls `listener` when live, so no append in between is missed.
	 */
	subscribe(id: string, listener: () => void): () => void;
	/** Forgets a stream. */
	delete(id: string): MaybePromise<void>;
	/** How many streams are stored. */
	size(): MaybePromise<number>;
}

interface MemoryEntry {
	events: StoredEvent[];
	state: StoredStreamState;
	listeners: Set<() => void>;
}

/**
 * The default {@link StreamStore}: a `Map` in this process. Streams are lost on restart and not
 * shared between server instances; write a store over Redis streams for that.
 *
 * @example
 * ```ts
 * const store = createMemoryStreamStore();
 * const registry = createStreamRegistry({ store });
 * ```
 */
export function createMemoryStreamStore(): StreamStore {
	const streams = new Map<string, MemoryEntry>();
	const notify = (entry: MemoryEntry) => {
		for (const listener of [...entry.listeners]) listener();
	};
	return {
		create(id) {
			if (streams.has(id)) return false;
			streams.set(id, { events: [], state: { status: 'running' }, listeners: new Set() });
			return true;
		},
		append(id, event) {
			const entry = streams.get(id);
			if (!entry || entry.state.status !== 'running') return;
			entry.events.push(event);
			notify(entry);
		},
		end(id, state) {
			const entry = streams.get(id);
			if (!entry || entry.state.status !== 'running') return;
			entry.state = state;
			notify(entry);
		},
		read(id, after) {
			const entry = streams.get(id);
			if (!entry) return undefined;
			// seq n sits at index n - 1, so a resume is a slice, not a search.
			const from = Math.max(0, Math.min(after, entry.events.length));
			return { events: entry.events.slice(from), state: entry.state };
		},
		subscribe(id, listener) {
			const entry = streams.get(id);
			if (!entry) return () => {};
			entry.listeners.add(listener);
			return () => void entry.listeners.delete(listener);
		},
		delete(id) {
			const entry = streams.get(id);
			if (!entry) return;
			streams.delete(id);
			// Followers waiting for news must wake up and find the stream gone.
			notify(entry);
			entry.listeners.clear();
		},
		size() {
			return streams.size;
		}
	};
}
