import { StreamError } from '../errors.js';
import type { Protocol } from '../types.js';
import { asObject, asString, errorMessage, parseEventJSON } from './json-data.js';

/**
 * The Vercel AI SDK UI message stream, v1 (what `toUIMessageStreamResponse()` sends, with the
 * `x-vercel-ai-ui-message-stream: v1` header): one JSON chunk per `data:` event, `text-start` /
 * `text-delta` / `text-end`, `reasoning-start` / `reasoning-delta` / `reasoning-end`,
 * `tool-input-start` / `tool-input-delta` / `tool-input-available`, `error` (an `upstream` error
 * that ends the answer, as in every protocol), `finish` (the end marker, with an optional
 * `finishReason`) and `data: [DONE]`. Steps, sources, files, data parts and metadata carry no text
 * and are skipped.
 *
 * @see https://ai-sdk.dev/docs/ai-sdk-ui/stream-protocol#ui-message-stream-protocol
 *
 * @example
 * ```ts
 * const result = await streamLLM({ url: '/api/chat', body: { messages }, protocol: 'ai-sdk-ui' });
 * ```
 */
export const aiSdkUIProtocol: Protocol = {
	id: 'ai-sdk-ui',
	createReader() {
		// Calls whose input streamed as text; the others get `argsText` from their final input.
		const streamed = new Set<string>();
		return {
			event(event, answer) {
				if (event.data.trim() === '[DONE]') {
					answer.finish();
					return;
				}
				const chunk = parseEventJSON(event.data, 'ai-sdk-ui');
				switch (chunk.type) {
					case 'text-delta': {
						const delta = asString(chunk.delta);
						if (delta) answer.appendText(delta);
						return;
					}
					case 'reasoning-delta': {
						const delta = asString(chunk.delta);
						if (delta) answer.appendReasoning(delta);
						return;
					}
					case 'tool-input-start':
						answer.startToolCall(toolCallId(chunk), asString(chunk.toolName) ?? '');
						return;
					case 'tool-input-delta': {
						const delta = asString(chunk.inputTextDelta);
						if (!delta) return;
						const id = toolCallId(chunk);
						streamed.add(id);
						answer.appendToolArgs(id, delta);
						return;
					}
					case 'tool-input-available':
					case 'tool-input-error': {
						const id = toolCallId(chunk);
						const name = asString(chunk.toolName);
						if (name) answer.startToolCall(id, name);
						if (!streamed.has(id) && chunk.input !== undefined) {
							answer.appendToolArgs(id, JSON.stringify(chunk.input));
						}
						answer.completeToolCall(id, chunk.input);
						return;
					}
					case 'error':
						throw new StreamError(
							'upstream',
							asString(chunk.errorText) || errorMessage(chunk, 'The server reported an error.')
						);
					case 'abort':
						throw new StreamError('upstream', 'The server aborted the answer.');
					case 'finish': {
						const reason = asString(chunk.finishReason);
						answer.finish(reason);
						return;
					}
					default:
					// start, text-start/end, steps, sources, files, data-* and metadata carry no text.
				}
			}
		};
	}
};

function toolCallId(chunk: Record<string, unknown>): string {
	const id = asString(chunk.toolCallId);
	if (!id) {
		throw new StreamError(
			'protocol',
			`An ai-sdk-ui ${String(chunk.type)} chunk has no toolCallId: ${JSON.stringify(asObject(chunk))}`.slice(
				0,
				200
			)
		);
	}
	return id;
}
