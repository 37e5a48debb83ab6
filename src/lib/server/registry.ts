import type { SSEMessage } from './encode.js';
import {
	createMemoryStreamStore,
	type StoredEvent,
	type StoredStreamState,
	type StreamStore
} from './stream-store.js';
import { setTimer } from '../core/timer.js';

/**
 * What went wrong in a {@link StreamRegistry}, as the `code` of a {@link StreamRegistryError};
 * switch on it to pick an HTTP answer.
 *
 * @example
 * ```ts
 * const httpStatus = (code: StreamRegistryErrorCode) =>
 *   code === 'unknown_stream' ? 404 : code === 'too_many_streams' ? 503 : 400;
 * // in the endpoint's catch (e):
 * if (e instanceof StreamRegistryError) return new Response(null, { status: httpStatus(e.code) });
 * ```
 */
export type StreamRegistryErrorCode =
	/** `maxStreams` streams are held; try again later. */
	| 'too_many_streams'
	/** `start` was given an `id` that is already registered. */
	| 'stream_exists'
	/** No stream has this id (never started, or evicted after `ttlMs`). */
	| 'unknown_stream'
	/** A `Last-Event-ID` that does not belong to this stream or is not `<streamId>:<seq>`. */
	| 'invalid_last_event_id'
	/** The source produced more than `maxEventsPerStream` events and was stopped. */
	| 'too_many_events'
	/** `stop(id)` ended the generation. */
	| 'stopped'
	/** No client followed the stream for `orphanTimeoutMs`, so it was stopped. */
	| 'abandoned'
	/** The source threw; `cause` holds what it threw when the generation ran in this process. */
	| 'source_failed';

/**
 * The one error type of the registry. Its messages name limits and ids, never the source's
 * internals, so they are safe to send to a client.
 *
 * @example
 * ```ts
 * try { await registry.follow(id); }
 * catch (error) { if (error instanceof StreamRegistryError && error.code === 'unknown_stream') return notFound(); }
 * ```
 */
export class StreamRegistryError extends Error {
	override readonly name = 'StreamRegistryError';
	constructor(
		readonly code: StreamRegistryErrorCode,
		message: string,
		options: { cause?: unknown } = {}
	) {
		super(message, { cause: options.cause });
	}
}

/**
 * Options of {@link createStreamRegistry}: how long finished streams stay resumable, the limits
 * that bound memory, when an unfollowed generation stops, and where events are stored.
 *
 * @example
 * ```ts
 * const registry = createStreamRegistry({ ttlMs: 5 * 60_000, orphanTimeoutMs: 10_000 });
 * ```
 */
export interface StreamRegistryOptions {
	/**
	 * How long a finished stream stays available for resuming, in milliseconds. One a client is
	 * still reading then is kept until the last reader leaves. `Infinity` keeps finished streams
	 * until `close()` (`maxStreams` still bounds how many).
	 * @default 60000
	 */
	ttlMs?: number;
	/** Most streams held at once, running or finished; `start` rejects beyond it. @default 1000 */
	maxStreams?: number;
	/** Most events in one stream; a source that produces more is stopped. @default 10000 */
	maxEventsPerStream?: number;
	/**
	 * Stops a running generation once no client has followed it for this long, so an abandoned
	 * answer stops costing tokens. `0` stops it as soon as the last client leaves; `Infinity` never.
	 * @default 30000
	 */
	orphanTimeoutMs?: number;
	/** Where events are kept. @default createMemoryStreamStore() */
	store?: StreamStore;
	/** Makes a new stream id; must be one line without U+0000. @default crypto.randomUUID */
	createId?: () => string;
}

/**
 * A generation for {@link StreamRegistry.start}: an async iterable, or a function that gets an
 * `AbortSignal` for `stop` (pass it on to the model call, so stopping stops paying for tokens).
 *
 * @example
 * ```ts
 * const source: StreamSource = (signal) => textEventStream(model.stream(prompt, { signal }));
 * const id = await registry.start(source);
 * ```
 */
export type StreamSource =
	| AsyncIterable<SSEMessage | string>
	| ((signal: AbortSignal) => AsyncIterable<SSEMessage | string>);

/**
 * Options of {@link StreamRegistry.follow}: where the client's copy ends, and the signal that
 * detaches it.
 *
 * @example
 * ```ts
 * const lastEventId = request.headers.get('last-event-id');
 * const events = await registry.follow(id, { lastEventId, signal: request.signal });
 * ```
 */
export interface FollowOptions {
	/**
	 * The last event the client has, as sent in `Last-Event-ID`: `<streamId>:<seq>` or just `<seq>`.
	 * Empty or missing replays from the start.
	 */
	lastEventId?: string | null;
	/** Aborting detaches this client (the generation goes on for the others). */
	signal?: AbortSignal;
}

/**
 * Runs generations once and lets clients follow them by id, so a dropped client resumes instead of
 * generating again; see {@link createStreamRegistry}.
 *
 * @example
 * ```ts
 * const registry: StreamRegistry = createStreamRegistry();
 * const id = await registry.start((signal) => textEventStream(model.stream(prompt, { signal })));
 * return sseResponse(await registry.follow(id), { request, headers: { 'x-stream-id': id } });
 * ```
 */
export interface StreamRegistry {
	/**
	 * Registers a generation and starts pulling it at once, independent of any client. Resolves with
	 * the stream id. Every event is stored with the id `<streamId>:<seq>`, seq counting from 1.
	 */
	start(source: StreamSource, options?: { id?: string }): Promise<string>;
	/**
	 * Replays the stored events after `lastEventId`, then follows live until the stream ends. A
	 * failed or stopped stream throws a {@link StreamRegistryError} after its last event, so
	 * `sseResponse` turns it into an `event: error`.
	 */
	follow(id: string, options?: FollowOptions): Promise<AsyncIterableIterator<SSEMessage>>;
	/** The stream id inside a `Last-Event-ID` this registry issued, or `undefined`. */
	streamIdOf(lastEventId: string | null | undefined): string | undefined;
	/** Cancels a running generation (its `finally` runs). Resolves `false` if it was not running. */
	stop(id: string): Promise<boolean>;
	/** Whether the stream is running or how it ended; `undefined` when unknown or evicted. */
	state(id: string): Promise<StoredStreamState | undefined>;
	/** Stops every generation and timer, e.g. when the server shuts down. */
	close(): Promise<void>;
}

interface Running {
	controller: AbortController;
	iterator: AsyncIterator<SSEMessage | string>;
}

const positive = (value: number | undefined, fallback: number, name: string) => {
	const result = value ?? fallback;
	if (typeof result !== 'number' || Number.isNaN(result) || result < 0) {
		throw new TypeError(`createStreamRegistry: \`${name}\` must be a number ≥ 0, got ${value}`);
	}
	return result;
};

const SEQ = /^[0-9]+$/;

/**
 * Creates a registry that runs each generation once and lets any number of clients follow it: a
 * client that reconnects with `Last-Event-ID` gets only the events after that id, then the live
 * ones. Finished streams are evicted after `ttlMs`; `maxStreams` and `maxEventsPerStream` reject
 * growth with a {@link StreamRegistryError} instead of using memory without bound.
 *
 * @example
 * ```ts
 * const registry = createStreamRegistry({ ttlMs: 60_000 });
 *
 * export const POST: RequestHandler = async ({ request }) => {
 *   const lastEventId = request.headers.get('last-event-id');
 *   const id = registry.streamIdOf(lastEventId) ??
 *     (await registry.start((signal) => textEventStream(model.stream(prompt, { signal }))));
 *   const events = await registry.follow(id, { lastEventId, signal: request.signal });
 *   return sseResponse(events, { request, headers: { 'x-stream-id': id } });
 * };
 * ```
 */
export function createStreamRegistry(options: StreamRegistryOptions = {}): StreamRegistry {
	const ttlMs = positive(options.ttlMs, 60_000, 'ttlMs');
	const maxStreams = positive(options.maxStreams, 1000, 'maxStreams');
	const maxEvents = positive(options.maxEventsPerStream, 10_000, 'maxEventsPerStream');
	const orphanTimeoutMs = positive(options.orphanTimeoutMs, 30_000, 'orphanTimeoutMs');
	const store = options.store ?? createMemoryStreamStore();
	const createId = options.createId ?? (() => crypto.randomUUID());

	const running = new Map<string, Running>();
	const followers = new Map<string, number>();
	const evictionTimers = new Map<string, ReturnType<typeof setTimer>>();
	const orphanTimers = new Map<string, ReturnType<typeof setTimer>>();
	// Streams past their TTL that a client was still reading: evicted when the last one leaves.
	const evictWhenUnfollowed = new Set<string>();
	// What a failed source threw; kept here, not in the store, since it need not be serialisable.
	const causes = new Map<string, unknown>();
	let reserved = 0;

	const timer = (ms: number, run: () => void) => {
		const handle = setTimer(run, ms);
		(handle as { unref?: () => void } | undefined)?.unref?.();
		return handle;
	};

	function scheduleEviction(id: string) {
		evictionTimers.set(
			id,
			timer(ttlMs, () => {
				evictionTimers.delete(id);
				// Evicting under a client still reading would cut its answer short.
				if ((followers.get(id) ?? 0) > 0) evictWhenUnfollowed.add(id);
				else evict(id);
			})
		);
	}

	function evict(id: string) {
		evictWhenUnfollowed.delete(id);
		causes.delete(id);
		void Promise.resolve(store.delete(id)).catch(() => {});
	}

	function watchOrphan(id: string) {
		clearTimeout(orphanTimers.get(id));
		orphanTimers.delete(id);
		if ((followers.get(id) ?? 0) > 0 || !running.has(id) || orphanTimeoutMs === Infinity) return;
		orphanTimers.set(
			id,
			timer(orphanTimeoutMs, () => {
				orphanTimers.delete(id);
				void end(id, 'abandoned', `No client followed stream ${id}, so it was stopped.`);
			})
		);
	}

	/** Ends a running generation from outside: record why, then run the source's `finally`. */
	async function end(id: string, code: StreamRegistryErrorCode, message: string) {
		const run = running.get(id);
		if (!run) return false;
		running.delete(id);
		clearTimeout(orphanTimers.get(id));
		orphanTimers.delete(id);
		run.controller.abort(new StreamRegistryError(code, message));
		// return() waits for a step in progress; the abort signal is what cuts that short.
		Promise.resolve()
			.then(() => run.iterator.return?.())
			.catch(() => {});
		await store.end(id, { status: 'failed', code, message });
		scheduleEviction(id);
		return true;
	}

	async function pump(id: string, run: Running) {
		const { iterator, controller } = run;
		let seq = 0;
		try {
			for (;;) {
				const next = await iterator.next();
				if (controller.signal.aborted) return;
				if (next.done) break;
				if (seq >= maxEvents) {
					await end(
						id,
						'too_many_events',
						`Stream ${id} exceeded maxEventsPerStream (${maxEvents}); raise the limit for longer answers.`
					);
					return;
				}
				const value = next.value;
				const message = typeof value === 'string' ? { data: value } : { ...value };
				seq++;
				message.id = `${id}:${seq}`;
				await store.append(id, { seq, message });
			}
		} catch (error) {
			if (controller.signal.aborted) return;
			running.delete(id);
			causes.set(id, error);
			// The source threw (then this is a no-op), or the store did and the source is still open.
			Promise.resolve()
				.then(() => iterator.return?.())
				.catch(() => {});
			await store.end(id, {
				status: 'failed',
				code: 'source_failed',
				message: 'The answer could not be completed.'
			});
			scheduleEviction(id);
			return;
		}
		if (!running.delete(id)) return;
		clearTimeout(orphanTimers.get(id));
		orphanTimers.delete(id);
		await store.end(id, { status: 'done' });
		scheduleEviction(id);
	}

	function parseAfter(id: string, lastEventId: string | null | undefined): number {
		if (lastEventId === null || lastEventId === undefined || lastEventId === '') return 0;
		const colon = lastEventId.lastIndexOf(':');
		const seq = colon === -1 ? lastEventId : lastEventId.slice(colon + 1);
		if ((colon !== -1 && lastEventId.slice(0, colon) !== id) || !SEQ.test(seq)) {
			throw new StreamRegistryError(
				'invalid_last_event_id',
				`Last-Event-ID ${JSON.stringify(lastEventId)} is not an event of stream ${id}; send the id of the last event received.`
			);
		}
		return Number(seq);
	}

	function detachOnce(id: string) {
		let detached = false;
		return () => {
			if (detached) return;
			detached = true;
			const count = (followers.get(id) ?? 1) - 1;
			if (count > 0) followers.set(id, count);
			else followers.delete(id);
			if (count <= 0 && evictWhenUnfollowed.has(id)) evict(id);
			watchOrphan(id);
		};
	}

	function follower(
		id: string,
		after: number,
		signal: AbortSignal | undefined,
		detach: () => void
	): AsyncIterableIterator<SSEMessage> {
		let batch: StoredEvent[] = [];
		let index = 0;
		let ended: StoredStreamState | undefined; // how the stream ended, once a read has seen it
		let finished = false;
		let changed = true; // read at least once
		let wake: (() => void) | undefined;
		const notify = () => {
			changed = true;
			wake?.();
		};
		const unsubscribe = store.subscribe(id, notify);
		const release = () => {
			if (finished) return;
			finished = true;
			unsubscribe();
			signal?.removeEventListener('abort', release);
			detach();
			wake?.();
		};
		signal?.addEventListener('abort', release, { once: true });
		if (signal?.aborted) release();

		const done = (): IteratorResult<SSEMessage> => ({ done: true, value: undefined });
		const iterator: AsyncIterableIterator<SSEMessage> = {
			async next() {
				for (;;) {
					if (finished) return done();
					if (index < batch.length) {
						const event = batch[index++];
						after = event.seq;
						return { done: false, value: event.message };
					}
					// The read that returned the last events may also have said the stream ended: no
					// notification will come after that one, so the end is handled here, not awaited.
					if (ended && ended.status !== 'running') {
						release();
						if (ended.status === 'done') return done();
						throw new StreamRegistryError(ended.code as StreamRegistryErrorCode, ended.message, {
							cause: causes.get(id)
						});
					}
					if (!changed) {
						await new Promise<void>((resolve) => (wake = resolve));
						wake = undefined;
						continue;
					}
					// Clear first: an append during the read sets it again, so nothing is missed.
					changed = false;
					const slice = await store.read(id, after);
					if (finished) return done();
					if (!slice) {
						release();
						throw new StreamRegistryError('unknown_stream', `Stream ${id} was evicted.`);
					}
					batch = slice.events;
					index = 0;
					ended = slice.state;
				}
			},
			async return() {
				release();
				return done();
			},
			[Symbol.asyncIterator]() {
				return iterator;
			}
		};
		return iterator;
	}

	return {
		async start(source, startOptions = {}) {
			const id = startOptions.id ?? createId();
			if (typeof id !== 'string' || id === '' || /[\r\n]/.test(id) || id.includes('\u0000')) {
				throw new TypeError(
					`A stream id must be a non-empty single line without U+0000, got ${JSON.stringify(id)}`
				);
			}
			reserved++;
			try {
				if ((await store.size()) + reserved > maxStreams) {
					throw new StreamRegistryError(
						'too_many_streams',
						`The registry already holds maxStreams (${maxStreams}) streams; try again later, or raise maxStreams or lower ttlMs.`
					);
				}
				if (!(await store.create(id))) {
					throw new StreamRegistryError('stream_exists', `A stream with id ${id} already exists.`);
				}
			} finally {
				reserved--;
			}
			const controller = new AbortController();
			let iterable: AsyncIterable<SSEMessage | string>;
			try {
				iterable = typeof source === 'function' ? source(controller.signal) : source;
				if (typeof iterable?.[Symbol.asyncIterator] !== 'function') {
					throw new TypeError(
						'registry.start needs an AsyncIterable, or a function (signal) => AsyncIterable'
					);
				}
			} catch (error) {
				await store.delete(id);
				throw error;
			}
			const run: Running = { controller, iterator: iterable[Symbol.asyncIterator]() };
			running.set(id, run);
			watchOrphan(id);
			pump(id, run).catch((error: unknown) => {
				// The store itself failed (say Redis is down): fail the stream here, as far as it can be.
				running.delete(id);
				causes.set(id, error);
				run.controller.abort(error);
				Promise.resolve()
					.then(() => run.iterator.return?.())
					.catch(() => {});
			});
			return id;
		},

		async follow(id, followOptions = {}) {
			const after = parseAfter(id, followOptions.lastEventId);
			// Counted before the first await, so the orphan timer cannot fire between start and follow.
			followers.set(id, (followers.get(id) ?? 0) + 1);
			clearTimeout(orphanTimers.get(id));
			orphanTimers.delete(id);
			const detach = detachOnce(id);
			let state: StoredStreamState | undefined;
			try {
				state = (await store.read(id, Number.MAX_SAFE_INTEGER))?.state;
			} catch (error) {
				detach();
				throw error;
			}
			if (!state) {
				detach();
				throw new StreamRegistryError('unknown_stream', `No stream has the id ${id}.`);
			}
			return follower(id, after, followOptions.signal, detach);
		},

		streamIdOf(lastEventId) {
			if (typeof lastEventId !== 'string') return undefined;
			const colon = lastEventId.lastIndexOf(':');
			if (colon <= 0 || !SEQ.test(lastEventId.slice(colon + 1))) return undefined;
			return lastEventId.slice(0, colon);
		},

		stop(id) {
			return end(id, 'stopped', `Stream ${id} was stopped.`);
		},

		async state(id) {
			return (await store.read(id, Number.MAX_SAFE_INTEGER))?.state;
		},

		async close() {
			await Promise.all([...running.keys()].map((id) => end(id, 'stopped', 'The server closed.')));
			for (const handle of [...evictionTimers.values(), ...orphanTimers.values()]) {
				clearTimeout(handle);
			}
			evictionTimers.clear();
			orphanTimers.clear();
			evictWhenUnfollowed.clear();
		}
	};
}
