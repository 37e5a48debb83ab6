import type { SSEMessage } from './encode.js';

/** Options of {@link textEventStream}. */
export interface TextEventStreamOptions {
	/** The id of the first delta; later ones count up. @default 1 */
	firstId?: number;
	/** Sent as the data of the final `done` event. @default "stop" */
	finishReason?: string;
}

/**
 * Turns text deltas into the kit's `text` protocol: one `message` event per delta, each with an
 * increasing id, then `event: done`.
 *
 * @example
 * ```ts
 * return sseResponse(textEventStream(tokens()), { request });
 * ```
 */
export async function* textEventStream(
	tokens: AsyncIterable<string>,
	options: TextEventStreamOptions = {}
): AsyncGenerator<SSEMessage, void, undefined> {
	let id = options.firstId ?? 1;
	for await (const token of tokens) {
		if (token === '') continue;
		yield { id: String(id++), data: token };
	}
	yield { id: String(id), event: 'done', data: options.finishReason ?? 'stop' };
}
