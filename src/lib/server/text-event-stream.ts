import type { SSEMessage } from './encode.js';

/** Options of {@link textEventStream}. */
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
export async function* textEventStream(
	tokens: AsyncIterable<string | SSEMessage>,
	options: TextEventStreamOptions = {}
): AsyncGenerator<SSEMessage, void, undefined> {
	if (typeof tokens?.[Symbol.asyncIterator] !== 'function') {
		throw new TypeError(
			'textEventStream needs an AsyncIterable of strings, e.g. an async generator'
		);
	}
	let id = options.firstId ?? 1;
	for await (const token of tokens) {
		if (typeof token === 'string') {
			// An empty delta would still be an event; it carries nothing, so it is not sent.
			if (token === '') continue;
			yield { id: String(id++), data: token };
		} else yield { ...token, id: String(id++) };
	}
	yield { id: String(id), event: 'done', data: options.finishReason ?? 'stop' };
}
