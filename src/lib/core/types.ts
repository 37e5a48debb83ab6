import type { StreamError } from './errors.js';
import type { SSEEvent } from './sse/decode.js';

/**
 * A tool (function) call the model is making; its arguments may still be streaming.
 *
 * @example
 * ```ts
 * const call = result.toolCalls[0];
 * if (call?.complete) run(call.name, call.args);
 * ```
 */
export interface ToolCall {
	/** The provider's id for this call. */
	id: string;
	/** The tool's name. */
	name: string;
	/** The raw argument JSON received so far. */
	argsText: string;
	/** The best parse of `argsText` so far (partial JSON is completed), or `undefined`. */
	args: unknown;
	/** Whether the arguments are complete. */
	complete: boolean;
}

/**
 * Everything read from a response so far.
 *
 * @example
 * ```ts
 * streamLLM({ url, onUpdate: (s: LLMSnapshot) => (view.textContent = s.text) });
 * ```
 */
export interface LLMSnapshot {
	/** The answer text so far. */
	text: string;
	/** Reasoning ("thinking") text so far, for providers that stream it. */
	reasoning: string;
	/** Tool calls in the order they started. */
	toolCalls: ToolCall[];
	/** The protocol's normal end marker arrived and no error was reported. */
	finished: boolean;
	/** Why the model stopped (`stop`, `length`, `tool_calls`, `end_turn`, …), when the protocol says. */
	finishReason?: string;
	/** What went wrong, if anything; the text before it is kept. */
	error?: StreamError;
	/** The last SSE event id seen, what a reconnect sends as `Last-Event-ID`. */
	lastEventId: string;
}

/**
 * The result of reading a whole response: the final {@link LLMSnapshot}.
 *
 * @example
 * ```ts
 * const result: LLMResult = await streamLLM({ url: '/api/chat', body });
 * if (!result.finished) console.warn(result.error?.code);
 * ```
 */
export type LLMResult = LLMSnapshot;

/**
 * The wire formats the kit reads out of the box.
 *
 * @example
 * ```ts
 * const protocol: ProtocolId = 'anthropic-messages';
 * ```
 */
export type ProtocolId = 'text' | 'openai-chat' | 'anthropic-messages' | 'ai-sdk-ui';

/**
 * What a protocol reader may do with the answer being built. Methods are cheap (amortised O(delta)),
 * so a reader calls them once per event.
 *
 * @example
 * ```ts
 * const reader: ProtocolReader = {
 *   event(e, answer: LLMAccumulator) { answer.appendText(e.data); }
 * };
 * ```
 */
export interface LLMAccumulator {
	/** Appends answer text. */
	appendText(delta: string): void;
	/** Appends reasoning text. */
	appendReasoning(delta: string): void;
	/** Starts a tool call (or renames it, if it already exists). */
	startToolCall(id: string, name: string): void;
	/** Appends raw argument JSON to a tool call. */
	appendToolArgs(id: string, delta: string): void;
	/** Marks a tool call's arguments complete; `args` replaces the parsed value when given. */
	completeToolCall(id: string, args?: unknown): void;
	/** The normal end marker arrived. */
	finish(reason?: string): void;
	/** Records the reason the model stopped without ending the stream. */
	setFinishReason(reason: string): void;
	/**
	 * Reports an error (the first one wins): the answer ends with it after the current event, its
	 * content so far kept, and `finished` stays false. Throwing a `StreamError` does the same.
	 */
	fail(error: StreamError): void;
}

/**
 * One reader, created per response: it turns SSE events into accumulator calls.
 *
 * @example
 * ```ts
 * const reader: ProtocolReader = {
 *   event(e, answer) { if (e.event === 'end') answer.finish(); else answer.appendText(e.data); }
 * };
 * ```
 */
export interface ProtocolReader {
	/** Handles one SSE event. Throwing a `StreamError` ends the stream with that error. */
	event(event: SSEEvent, answer: LLMAccumulator): void;
}

/**
 * A wire format. Implement this to read a format the kit does not know; see the README's
 * "Custom protocol" section.
 *
 * @example
 * ```ts
 * const lines: Protocol = {
 *   id: 'lines',
 *   createReader: () => ({
 *     event(e, answer) { if (e.data === 'END') answer.finish(); else answer.appendText(e.data + '\n'); }
 *   })
 * };
 * await streamLLM({ url: '/lines', protocol: lines });
 * ```
 */
export interface Protocol {
	/** A short name, used in error messages. */
	readonly id: string;
	/** Creates a fresh reader for one response. */
	createReader(): ProtocolReader;
}
