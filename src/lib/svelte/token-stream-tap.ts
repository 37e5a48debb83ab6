import { resolveProtocol } from '../core/formats/index.js';
import type { LLMAccumulator, Protocol, ProtocolId } from '../core/types.js';

/**
 * What kind of text a token added.
 *
 * @example
 * ```ts
 * createTokenStream({ url, onToken: (token, kind: TokenKind) => kind === 'text' && log(token) });
 * ```
 */
export type TokenKind = 'text' | 'reasoning';

/**
 * Wraps a protocol so every text or reasoning delta is reported as it is parsed. Snapshots only
 * carry the whole text, and slicing the new part off it would flatten the growing string on every
 * token (O(answer) per token); the delta seen by the accumulator is free.
 */
export function tapProtocol(
	protocol: ProtocolId | Protocol,
	onToken: (token: string, kind: TokenKind) => void
): Protocol {
	const inner = resolveProtocol(protocol);
	// A throw inside a protocol reader ends the stream as a `protocol` error; a bug in the caller's
	// onToken is not one, so it is reported on its own and the stream goes on.
	const report = (token: string, kind: TokenKind) => {
		try {
			onToken(token, kind);
		} catch (error) {
			queueMicrotask(() => {
				throw error;
			});
		}
	};
	return {
		id: inner.id,
		createReader() {
			const reader = inner.createReader();
			let answer: LLMAccumulator;
			// One forwarding object per response; `answer` is re-pointed per event.
			const tapped: LLMAccumulator = {
				appendText(delta) {
					answer.appendText(delta);
					if (delta) report(delta, 'text');
				},
				appendReasoning(delta) {
					answer.appendReasoning(delta);
					if (delta) report(delta, 'reasoning');
				},
				startToolCall: (id, name) => answer.startToolCall(id, name),
				appendToolArgs: (id, delta) => answer.appendToolArgs(id, delta),
				completeToolCall: (id, args) => answer.completeToolCall(id, args),
				finish: (reason) => answer.finish(reason),
				setFinishReason: (reason) => answer.setFinishReason(reason),
				fail: (error) => answer.fail(error)
			};
			return {
				event(event, target) {
					answer = target;
					reader.event(event, tapped);
				}
			};
		}
	};
}
