import type { SSEMessage } from './encode.js';
import { FUSED, type Fused } from './fused.js';

const CR = 13;
const LF = 10;

/**
 * Options of {@link textEventStream}: where the event ids start and the finish reason of the final
 * `done` event.
 *
 * @example
 * ```ts
 * const events = textEventStream(tokens(), { finishReason: hitLimit ? 'length' : 'stop' });
 * return sseResponse(events, { request });
 * ```
 */
export interface TextEventStreamOptions {
	/** The id of the first event; later ones count up. @default 1 */
	firstId?: number;
	/** Sent as the data of the final `done` event. @default "stop" */
	finishReason?: string;
}

/**
 * Turns text deltas into the kit's `text` protocol: one `message` event per delta, each with an
 * increasing id, then `event: done`. An `SSEMessage` among the deltas (say `event: tool-call`) is
 * passed through with the next id; readers of the protocol ignore event types they do not know.
 *
 * @example
 * ```ts
 * return sseResponse(textEventStream(tokens()), { request });
 * ```
 */
export function textEventStream(
	tokens: AsyncIterable<string | SSEMessage>,
	options: TextEventStreamOptions = {}
): AsyncIterableIterator<SSEMessage> {
	if (typeof tokens?.[Symbol.asyncIterator] !== 'function') {
		throw new TypeError(
			'textEventStream needs an AsyncIterable of strings, e.g. an async generator'
		);
	}
	const source = tokens[Symbol.asyncIterator]();
	const finishReason = options.finishReason ?? 'stop';
	let id = options.firstId ?? 1;
	let state: 'open' | 'ended' = 'open';
	let endedWithCR = false;
	const ended = (): IteratorResult<SSEMessage> => ({ done: true, value: undefined });

	// A hand-written iterator, not an async generator: a generator around the source would add a
	// second generator hop per event, a measurable share of the per-event cost (bench/server.bench.js).
	const map = (next: IteratorResult<string | SSEMessage>): IteratorResult<SSEMessage> | null => {
		if (next.done) {
			state = 'ended';
			return { done: false, value: { id: String(id), event: 'done', data: finishReason } };
		}
		let token = next.value;
		if (typeof token !== 'string') {
			endedWithCR = false;
			return { done: false, value: { ...token, id: String(id++) } };
		}
		// Each delta is its own event, whose CR already arrives as a line break: the LF of a CRLF
		// cut between two deltas would make a second one.
		if (endedWithCR && token.charCodeAt(0) === LF) token = token.slice(1);
		if (token !== '') endedWithCR = token.charCodeAt(token.length - 1) === CR;
		// An empty delta would still be an event; it carries nothing, so it is not sent.
		if (token === '') return null;
		return { done: false, value: { id: String(id++), data: token } };
	};
	const onError = (error: unknown): never => {
		state = 'ended';
		throw error;
	};
	const onNext = (
		next: IteratorResult<string | SSEMessage>
	): IteratorResult<SSEMessage> | Promise<IteratorResult<SSEMessage>> =>
		map(next) ?? iterator.next();
	const fused: Fused = {
		pullSource: () => (state === 'open' ? source.next() : undefined),
		map: map as Fused['map'],
		failed: () => void (state = 'ended')
	};
	const iterator: AsyncIterableIterator<SSEMessage> & { [FUSED]: Fused } = {
		[FUSED]: fused,
		next() {
			if (state !== 'open') return Promise.resolve(ended());
			return source.next().then(onNext, onError);
		},
		async return() {
			if (state === 'open') {
				state = 'ended';
				await source.return?.();
			}
			return ended();
		},
		[Symbol.asyncIterator]() {
			return iterator;
		}
	};
	return iterator;
}
