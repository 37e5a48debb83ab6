import { createAnswerBuilder, type AnswerBuilder } from '../accumulator.js';
import { isStreamError, StreamError } from '../errors.js';
import { createSSEDecoder, type SSEEvent } from '../sse/decode.js';
import type { LLMResult, LLMSnapshot, Protocol, ProtocolReader } from '../types.js';

/**
 * One answer being read, possibly over several connections: the protocol reader and the answer
 * outlive a dropped connection, so a resumed stream continues exactly where the last one stopped.
 */
export interface ReadSession {
	/** Feeds one event to the protocol reader; returns false once reading should stop. */
	handle(event: SSEEvent): boolean;
	/** Records a failure (the first one wins). */
	fail(error: StreamError): void;
	/** Whether reading should stop: the end marker arrived, or an error was reported. */
	readonly settled: boolean;
	/** How many events arrived, on all connections together. */
	readonly eventCount: number;
	/** The answer builder, for `ended` and `error`. */
	readonly answer: AnswerBuilder;
	/** The last event ID in force. */
	lastEventId: string;
	/** Throws the caller's own `onUpdate` error, if it threw. */
	rethrowCallbackError(): void;
	/** The result so far. */
	result(): LLMResult;
}

/** Creates a {@link ReadSession} for one answer in `protocol`. */
export function createReadSession(
	protocol: Protocol,
	onUpdate: ((snapshot: LLMSnapshot) => void) | undefined
): ReadSession {
	const reader: ProtocolReader = protocol.createReader();
	const answer = createAnswerBuilder();
	let eventCount = 0;
	let callbackError: { error: unknown } | undefined;

	const session: ReadSession = {
		answer,
		lastEventId: '',
		get settled() {
			return answer.ended || answer.error !== undefined || callbackError !== undefined;
		},
		get eventCount() {
			return eventCount;
		},
		handle(event) {
			if (session.settled) return false;
			eventCount++;
			try {
				reader.event(event, answer);
			} catch (error) {
				answer.fail(
					isStreamError(error)
						? error
						: new StreamError('protocol', `Could not read a ${protocol.id} event.`, {
								cause: error
							})
				);
			}
			if (onUpdate) {
				try {
					onUpdate(answer.snapshot(session.lastEventId));
				} catch (error) {
					callbackError = { error };
				}
			}
			return !session.settled;
		},
		fail(error) {
			answer.fail(error);
		},
		rethrowCallbackError() {
			if (callbackError) throw callbackError.error;
		},
		result() {
			return answer.snapshot(session.lastEventId);
		}
	};
	return session;
}

/** Options of {@link pumpBytes}. */
export interface PumpOptions {
	/** Aborting cancels the body; the pump then throws `signal.reason`. */
	signal?: AbortSignal;
	/** Called for every chunk of bytes, before it is decoded (idle timers reset here). */
	onChunk?: () => void;
	/** Called for every valid `retry:` field. */
	onRetry?: (ms: number) => void;
	/** Largest event, see `createSSEDecoder`. */
	maxEventBytes?: number;
}

/**
 * Reads one SSE body into `session` until it ends, the session settles, or `signal` aborts. Throws
 * what the read threw (network failures), or `signal.reason` when aborted.
 */
export async function pumpBytes(
	body: ReadableStream<Uint8Array>,
	session: ReadSession,
	options: PumpOptions = {}
): Promise<void> {
	const { signal, onChunk } = options;
	const decoder = createSSEDecoder({
		lastEventId: session.lastEventId,
		maxEventBytes: options.maxEventBytes,
		onRetry: options.onRetry,
		onEvent(event) {
			session.lastEventId = event.id;
			session.handle(event);
		}
	});
	const source = body.getReader();
	const onAbort = () => {
		source.cancel(signal?.reason).catch(() => {});
	};
	signal?.addEventListener('abort', onAbort, { once: true });
	try {
		if (signal?.aborted) throw signal.reason;
		for (;;) {
			const { done, value } = await source.read();
			if (signal?.aborted) throw signal.reason;
			if (done) break;
			onChunk?.();
			decoder.push(value);
			// An id in a block without data moves the last event ID without an event.
			session.lastEventId = decoder.lastEventId;
			if (session.settled) {
				source.cancel().catch(() => {});
				break;
			}
		}
		decoder.end();
	} finally {
		signal?.removeEventListener('abort', onAbort);
		source.releaseLock();
	}
}

/** Reads already-framed events (a WebSocket source) into `session`, like {@link pumpBytes}. */
export async function pumpEvents(
	events: AsyncIterable<SSEEvent>,
	session: ReadSession,
	options: Pick<PumpOptions, 'signal' | 'onChunk'> = {}
): Promise<void> {
	const { signal, onChunk } = options;
	if (signal?.aborted) throw signal.reason;
	const iterator = events[Symbol.asyncIterator]();
	let aborted: () => void = () => {};
	const abortion = new Promise<never>((_, reject) => {
		aborted = () => reject(signal?.reason);
	});
	abortion.catch(() => {});
	signal?.addEventListener('abort', aborted, { once: true });
	try {
		for (;;) {
			const next = await Promise.race([iterator.next(), abortion]);
			if (next.done) return;
			onChunk?.();
			if (next.value.id !== '') session.lastEventId = next.value.id;
			if (!session.handle(next.value)) return;
		}
	} finally {
		signal?.removeEventListener('abort', aborted);
		// Not awaited: an async generator queues return() behind a pending next(), which may never settle.
		Promise.resolve(iterator.return?.()).catch(() => {});
	}
}
