import type { StreamError } from './errors.js';
import { parsePartialJSON } from './partial-json.js';
import type { LLMAccumulator, LLMSnapshot, ToolCall } from './types.js';

/** An {@link LLMAccumulator} that can also report what it holds. */
export interface AnswerBuilder extends LLMAccumulator {
	/** A fresh snapshot; strings are shared, not copied, so this is O(number of tool calls). */
	snapshot(lastEventId: string): LLMSnapshot;
	/** Whether `finish()` was called. */
	readonly ended: boolean;
	/** The first error reported, if any. */
	readonly error: StreamError | undefined;
}

/** Creates the answer builder protocol readers write into. */
export function createAnswerBuilder(): AnswerBuilder {
	let text = '';
	let reasoning = '';
	let ended = false;
	let finishReason: string | undefined;
	let error: StreamError | undefined;
	const toolCalls: ToolCall[] = [];
	const byId = new Map<string, ToolCall>();

	const toolCall = (id: string) => {
		let call = byId.get(id);
		if (!call) {
			call = { id, name: '', argsText: '', args: undefined, complete: false };
			byId.set(id, call);
			toolCalls.push(call);
		}
		return call;
	};

	return {
		appendText(delta) {
			text += delta;
		},
		appendReasoning(delta) {
			reasoning += delta;
		},
		startToolCall(id, name) {
			toolCall(id).name = name;
		},
		appendToolArgs(id, delta) {
			const call = toolCall(id);
			call.argsText += delta;
			call.args = parsePartialJSON(call.argsText);
		},
		completeToolCall(id, args) {
			const call = toolCall(id);
			call.complete = true;
			call.args = args !== undefined ? args : parsePartialJSON(call.argsText);
		},
		finish(reason) {
			ended = true;
			if (reason !== undefined) finishReason = reason;
		},
		setFinishReason(reason) {
			finishReason = reason;
		},
		fail(e) {
			error ??= e;
		},
		get ended() {
			return ended;
		},
		get error() {
			return error;
		},
		snapshot(lastEventId) {
			const snapshot: LLMSnapshot = {
				text,
				reasoning,
				toolCalls: toolCalls.map((call) => ({ ...call })),
				finished: ended && error === undefined,
				lastEventId
			};
			if (finishReason !== undefined) snapshot.finishReason = finishReason;
			if (error !== undefined) snapshot.error = error;
			return snapshot;
		}
	};
}
