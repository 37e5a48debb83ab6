import { StreamError } from '../errors.js';
import type { Protocol } from '../types.js';
import {
	asObject,
	asString,
	errorMessage,
	parseErrorEventJSON,
	parseEventJSON
} from './json-data.js';

const PROVIDER_ERROR = 'The model provider reported an error.';

/** The event names this reader acts on; any other named event (`ping`, future ones) is skipped unread. */
const READ_EVENTS = new Set([
	'message_start',
	'content_block_start',
	'content_block_delta',
	'content_block_stop',
	'message_delta',
	'message_stop',
	'error'
]);

/**
 * Anthropic Messages streaming: `message_start`, then per content block `content_block_start`,
 * `content_block_delta` (`text_delta`, `input_json_delta`, `thinking_delta`, …) and
 * `content_block_stop`, then `message_delta` with `stop_reason`, and `message_stop` as the end marker.
 * `ping` is ignored, an `error` event is an `upstream` error, and unknown events or delta types are
 * skipped, as Anthropic's versioning policy asks. The type is read from the JSON `type` field (the
 * SSE event name repeats it), so the same reader works over WebSockets.
 *
 * @see https://docs.anthropic.com/en/api/messages-streaming
 *
 * @example
 * ```ts
 * const result = await streamLLM({
 *   url: 'https://api.anthropic.com/v1/messages',
 *   headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01' },
 *   body: { model: 'claude-sonnet-4-5', max_tokens: 1024, stream: true, messages },
 *   protocol: 'anthropic-messages'
 * });
 * ```
 */
export const anthropicMessagesProtocol: Protocol = {
	id: 'anthropic-messages',
	createReader() {
		// Block index → tool call, for the blocks that are tool calls.
		const tools = new Map<number, { id: string; input: unknown; hasDeltas: boolean }>();
		return {
			event(event, answer) {
				// Unread, so a keep-alive with empty or non-JSON data cannot end the answer. An unnamed
				// event ("message", as over a WebSocket) is read: its JSON `type` names it.
				if (event.event !== 'message' && !READ_EVENTS.has(event.event)) return;
				const payload =
					event.event === 'error'
						? parseErrorEventJSON(event.data, 'anthropic-messages', PROVIDER_ERROR)
						: parseEventJSON(event.data, 'anthropic-messages');
				const type = asString(payload.type) ?? event.event;
				switch (type) {
					case 'content_block_start': {
						const block = asObject(payload.content_block);
						const index = Number(payload.index);
						if (!block) return;
						if (block.type === 'text') {
							const text = asString(block.text);
							if (text) answer.appendText(text);
						} else if (block.type === 'thinking') {
							const thinking = asString(block.thinking);
							if (thinking) answer.appendReasoning(thinking);
						} else if (block.type === 'tool_use' || block.type === 'server_tool_use') {
							const id = asString(block.id) || `toolu_${index}`;
							tools.set(index, { id, input: block.input, hasDeltas: false });
							answer.startToolCall(id, asString(block.name) ?? '');
						}
						return;
					}
					case 'content_block_delta': {
						const delta = asObject(payload.delta);
						if (!delta) return;
						if (delta.type === 'text_delta') {
							const text = asString(delta.text);
							if (text) answer.appendText(text);
						} else if (delta.type === 'thinking_delta') {
							const thinking = asString(delta.thinking);
							if (thinking) answer.appendReasoning(thinking);
						} else if (delta.type === 'input_json_delta') {
							const tool = tools.get(Number(payload.index));
							const json = asString(delta.partial_json);
							if (tool && json) {
								tool.hasDeltas = true;
								answer.appendToolArgs(tool.id, json);
							}
						}
						return;
					}
					case 'content_block_stop': {
						const index = Number(payload.index);
						const tool = tools.get(index);
						if (!tool) return;
						tools.delete(index);
						// A tool without input deltas takes the (empty) input of its start block.
						if (tool.hasDeltas) answer.completeToolCall(tool.id);
						else answer.completeToolCall(tool.id, tool.input ?? {});
						return;
					}
					case 'message_delta': {
						const reason = asString(asObject(payload.delta)?.stop_reason);
						if (reason) answer.setFinishReason(reason);
						return;
					}
					case 'message_stop':
						answer.finish();
						return;
					case 'error':
						throw new StreamError('upstream', errorMessage(payload, PROVIDER_ERROR), {
							cause: payload.error
						});
					default:
					// message_start, ping, and event types added later carry nothing the answer needs.
				}
			}
		};
	}
};
