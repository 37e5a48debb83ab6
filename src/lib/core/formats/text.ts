import { StreamError } from '../errors.js';
import type { Protocol } from '../types.js';
import { asString, parseEventJSON } from './json-data.js';

/**
 * The kit's own `text` protocol: each `message` event's data is a text delta appended verbatim,
 * `event: done` ends the answer normally (its data may name a finish reason), and `event: error`
 * carries a message safe to show. A stream that ends without `done` is unfinished. An
 * `event: tool-call` with JSON `{ id, name, input }` data (what the kit's server helpers send for a
 * tool call) becomes a complete tool call.
 *
 * @example
 * ```ts
 * const result = await readLLMStream(response.body!, { protocol: textProtocol });
 * ```
 */
export const textProtocol: Protocol = {
	id: 'text',
	createReader() {
		return {
			event(event, answer) {
				switch (event.event) {
					case 'message':
						answer.appendText(event.data);
						break;
					case 'done':
						answer.finish(event.data === '' ? undefined : event.data);
						break;
					case 'tool-call': {
						const call = parseEventJSON(event.data, 'text tool-call');
						const id = asString(call.id);
						if (!id)
							throw new StreamError(
								'protocol',
								`A tool-call event has no id: ${event.data.slice(0, 120)}`
							);
						const input = call.input ?? {};
						answer.startToolCall(id, asString(call.name) ?? '');
						answer.appendToolArgs(id, JSON.stringify(input));
						answer.completeToolCall(id, input);
						break;
					}
					case 'error':
						answer.fail(new StreamError('upstream', event.data || 'The server reported an error.'));
						break;
					default:
					// Unknown event types are for other consumers; ignoring them keeps the protocol extensible.
				}
			}
		};
	}
};
