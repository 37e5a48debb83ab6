import { isStreamError, StreamError } from './errors.js';
import { resolveProtocol } from './formats/index.js';
import { checkMaxEventBytes } from './check-option.js';
import type { SSEEvent } from './sse/decode.js';
import { createReadSession, pumpBytes, pumpEvents } from './transport/read-session.js';
import type { LLMResult, LLMSnapshot, Protocol, ProtocolId } from './types.js';

/**
 * Options of {@link readLLMStream}.
 *
 * @example
 * ```ts
 * await readLLMStream(body, { protocol: 'openai-chat', signal: controller.signal, onUpdate: render });
 * ```
 */
export interface ReadLLMStreamOptions {
	/** The wire format of the body. */
	protocol: ProtocolId | Protocol;
	/** Aborting stops reading and resolves with what arrived, `error.code === 'aborted'`. */
	signal?: AbortSignal;
	/** Called after every event, with the answer so far. */
	onUpdate?: (snapshot: LLMSnapshot) => void;
	/**
	 * Largest SSE event of a byte body, as `maxEventBytes` of `createSSEDecoder`: a larger one ends
	 * the answer with `event_too_large`.
	 * @default 1048576
	 */
	maxEventBytes?: number;
}

/**
 * Reads one whole response in the given protocol: an SSE body (bytes), or already-framed events such
 * as those of {@link websocketStream}. It does not reject for stream problems: it resolves with
 * everything that arrived, `finished` says whether the protocol's end marker came, and `error` (a
 * `StreamError`) says what went wrong. It rejects only for an exception thrown by your own
 * `onUpdate`, or at once with a `TypeError` for arguments it cannot use (no body or protocol, an
 * unknown protocol id, a bad `maxEventBytes`).
 *
 * @example
 * ```ts
 * const response = await fetch('/api/chat', { method: 'POST', body: JSON.stringify({ messages }) });
 * const { text, finished, error } = await readLLMStream(response.body!, { protocol: 'openai-chat' });
 * ```
 */
export async function readLLMStream(
	body: ReadableStream<Uint8Array> | AsyncIterable<SSEEvent>,
	options: ReadLLMStreamOptions
): Promise<LLMResult> {
	if (!options || typeof options !== 'object' || options.protocol === undefined) {
		throw new TypeError(
			"readLLMStream needs a protocol: readLLMStream(body, { protocol: 'text' | 'openai-chat' | 'anthropic-messages' | 'ai-sdk-ui' })"
		);
	}
	const protocol = resolveProtocol(options.protocol);
	checkMaxEventBytes(options.maxEventBytes, 'readLLMStream');
	const isBytes = typeof (body as ReadableStream | undefined)?.getReader === 'function';
	if (!isBytes && typeof (body as AsyncIterable<SSEEvent>)?.[Symbol.asyncIterator] !== 'function') {
		throw new TypeError(
			'readLLMStream reads a ReadableStream<Uint8Array> (response.body) or an AsyncIterable of SSE events.'
		);
	}
	const { signal } = options;
	const session = createReadSession(protocol, options.onUpdate);
	try {
		if (isBytes) {
			await pumpBytes(body as ReadableStream<Uint8Array>, session, {
				signal,
				maxEventBytes: options.maxEventBytes
			});
		} else await pumpEvents(body as AsyncIterable<SSEEvent>, session, { signal });
		if (!session.settled) {
			session.fail(
				new StreamError('disconnected', 'The stream ended before the answer was complete.')
			);
		}
	} catch (error) {
		session.fail(
			signal?.aborted
				? new StreamError('aborted', 'The stream was aborted.', { cause: signal.reason })
				: isStreamError(error)
					? error
					: // The response had arrived: this is a connection that dropped mid-answer.
						new StreamError(
							'disconnected',
							'The connection dropped before the answer was complete.',
							{ cause: error }
						)
		);
	}
	session.rethrowCallbackError();
	return session.result();
}
