import { StreamError } from '../errors.js';
import type { Protocol } from '../types.js';

/**
 * The kit's own `text` protocol: each `message` event's data is a text delta appended verbatim,
 * `event: done` ends the answer normally (its data may name a finish reason), and `event: error`
 * carries a message safe to show. A stream that ends without `done` is unfinished.
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
