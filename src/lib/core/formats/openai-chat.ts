import { StreamError } from '../errors.js';
import type { LLMAccumulator, Protocol } from '../types.js';
import {
	asObject,
	asString,
	errorMessage,
	parseErrorEventJSON,
	parseEventJSON
} from './json-data.js';

/**
 * OpenAI Chat Completions streaming (`stream: true`), also spoken by many compatible servers:
 * `data: {chat.completion.chunk}` events, text in `choices[0].delta.content`, tool calls as
 * `delta.tool_calls` fragments keyed by `index` (the `id` and name come in the first fragment),
 * `finish_reason` on the last choice chunk, an optional usage chunk with empty `choices`, and
 * `data: [DONE]` as the end marker. An `{"error": {...}}` payload is an `upstream` error.
 * Reasoning deltas of compatible servers (`reasoning_content`, `reasoning`) go to `reasoning`.
 *
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 *
 * @example
 * ```ts
 * const result = await streamLLM({
 *   url: 'https://api.openai.com/v1/chat/completions',
 *   headers: { authorization: `Bearer ${key}` },
 *   body: { model: 'gpt-4.1-mini', stream: true, messages },
 *   protocol: 'openai-chat'
 * });
 * ```
 */
export const openAIChatProtocol: Protocol = {
	id: 'openai-chat',
	createReader() {
		// Fragments after the first carry only `index`; this maps it to the call's id.
		const idByIndex = new Map<number, string>();
		const completeAll = (answer: LLMAccumulator) => {
			for (const id of idByIndex.values()) answer.completeToolCall(id);
			idByIndex.clear();
		};
		return {
			event(event, answer) {
				const data = event.data;
				if (data.trim() === '[DONE]') {
					completeAll(answer);
					answer.finish();
					return;
				}
				if (event.event !== 'message' && event.event !== 'error') return;
				const chunk =
					event.event === 'error'
						? parseErrorEventJSON(data, 'openai-chat', 'The server reported an error.')
						: parseEventJSON(data, 'openai-chat');
				if (chunk.error !== undefined && chunk.error !== null) {
					throw new StreamError(
						'upstream',
						errorMessage(chunk, 'The model provider reported an error.'),
						{ cause: chunk.error }
					);
				}
				if (event.event === 'error') {
					throw new StreamError('upstream', errorMessage(chunk, 'The server reported an error.'));
				}
				const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
				// With `n` > 1 the answers interleave; the kit follows the first one.
				const choice = asObject(choices.find((c) => (asObject(c)?.index ?? 0) === 0));
				if (!choice) return; // the usage chunk, or another choice's chunk
				const delta = asObject(choice.delta);
				if (delta) {
					const reasoning = asString(delta.reasoning_content) ?? asString(delta.reasoning);
					if (reasoning) answer.appendReasoning(reasoning);
					const content = asString(delta.content);
					if (content) answer.appendText(content);
					const refusal = asString(delta.refusal);
					if (refusal) answer.appendText(refusal);
					if (Array.isArray(delta.tool_calls)) {
						for (const fragment of delta.tool_calls) toolCallFragment(fragment, idByIndex, answer);
					}
					const legacy = asObject(delta.function_call);
					if (legacy) toolCallFragment({ index: -1, function: legacy }, idByIndex, answer);
				}
				const reason = asString(choice.finish_reason);
				if (reason) {
					completeAll(answer);
					answer.setFinishReason(reason);
				}
			}
		};
	}
};

function toolCallFragment(
	value: unknown,
	idByIndex: Map<number, string>,
	answer: LLMAccumulator
): void {
	const fragment = asObject(value);
	if (!fragment) return;
	const index = typeof fragment.index === 'number' ? fragment.index : idByIndex.size;
	const fn = asObject(fragment.function);
	let id = idByIndex.get(index);
	const givenId = asString(fragment.id);
	const name = asString(fn?.name);
	if (id === undefined || (givenId !== undefined && givenId !== id)) {
		// Some compatible servers omit the id; a stable stand-in keeps fragments together.
		id = givenId || `call_${index < 0 ? 'function' : index}`;
		idByIndex.set(index, id);
		answer.startToolCall(id, name ?? '');
	} else if (name) {
		answer.startToolCall(id, name);
	}
	const args = asString(fn?.arguments);
	if (args) answer.appendToolArgs(id, args);
}
