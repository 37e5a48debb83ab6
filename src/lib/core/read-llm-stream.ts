import { createAnswerBuilder } from './accumulator.js';
import { isStreamError, StreamError } from './errors.js';
import { resolveProtocol } from './formats/index.js';
import { createSSEDecoder } from './sse/decode.js';
import type { LLMResult, LLMSnapshot, Protocol, ProtocolId } from './types.js';

/** Options of {@link readLLMStream}. */
export interface ReadLLMStreamOptions {
	/** The wire format of the body. */
	protocol: ProtocolId | Protocol;
	/** Aborting stops reading and resolves with what arrived, `error.code === 'aborted'`. */
	signal?: AbortSignal;
	/** Called after every event that changed the answer. */
	onUpdate?: (snapshot: LLMSnapshot) => void;
}

/**
 * Reads one whole SSE response body in the given protocol. It never rejects for stream problems:
 * it resolves with everything that arrived, and `error` says what went wrong.
 *
 * @example
 * ```ts
 * const response = await fetch('/api/chat', { method: 'POST', body: JSON.stringify({ messages }) });
 * const { text, finished } = await readLLMStream(response.body!, { protocol: 'text' });
 * ```
 */
export async function readLLMStream(
	body: ReadableStream<Uint8Array>,
	options: ReadLLMStreamOptions
): Promise<LLMResult> {
	const reader = resolveProtocol(options.protocol).createReader();
	const answer = createAnswerBuilder();
	const { signal, onUpdate } = options;
	let failure: StreamError | undefined;

	const decoder = createSSEDecoder({
		onEvent(event) {
			if (failure) return;
			try {
				reader.event(event, answer);
			} catch (error) {
				failure = isStreamError(error)
					? error
					: new StreamError('protocol', `Could not read a ${options.protocol} event.`, {
							cause: error
						});
				answer.fail(failure);
			}
			onUpdate?.(answer.snapshot(decoder.lastEventId));
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
			decoder.push(value);
			if (failure) break;
		}
		decoder.end();
		if (!answer.ended && !answer.error) {
			answer.fail(
				new StreamError('disconnected', 'The stream ended before the answer was complete.')
			);
		}
	} catch (error) {
		answer.fail(
			signal?.aborted
				? new StreamError('aborted', 'The stream was aborted.', { cause: signal.reason })
				: isStreamError(error)
					? error
					: new StreamError('network', 'The connection failed while reading the stream.', {
							cause: error
						})
		);
	} finally {
		signal?.removeEventListener('abort', onAbort);
		source.releaseLock();
	}
	return answer.snapshot(decoder.lastEventId);
}
