import type { SSEMessage } from './encode.js';

/**
 * A finished tool call to announce in a UI message stream: yield it among the text deltas given
 * to {@link uiMessageEventStream}.
 *
 * @example
 * ```ts
 * async function* tokens(): AsyncGenerator<string | UIToolCallChunk> {
 *   yield 'Let me check. ';
 *   yield { type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: { city: 'Oslo' } };
 * }
 * ```
 */
export interface UIToolCallChunk {
	type: 'tool-call';
	toolCallId: string;
	toolName: string;
	/** The arguments, any JSON value; `undefined` is sent as `{}`. */
	input: unknown;
	/** The tool's result, when the server ran it; omitted leaves the call for the client. */
	output?: unknown;
}

/**
 * Options of {@link uiMessageEventStream}: the assistant message's id and the finish reason sent at
 * the end.
 *
 * @example
 * ```ts
 * const events = uiMessageEventStream(tokens(), { messageId, finishReason: 'tool-calls' });
 * return sseResponse(events, { request, headers: UI_MESSAGE_STREAM_HEADERS });
 * ```
 */
export interface UIMessageEventStreamOptions {
	/** The id of the assistant message being streamed. @default crypto.randomUUID() */
	messageId?: string;
	/** Sent in the `finish` chunk. @default "stop" */
	finishReason?: 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other';
	/**
	 * The `errorText` sent when `tokens` throws, as the AI SDK's own `onError` does; return nothing
	 * (or throw) for the default, a generic message with no internals. Only what it returns reaches
	 * the client, so keep stack traces and provider details out.
	 * @default () => "The answer could not be completed."
	 */
	onError?: (error: unknown) => string | void;
}

/**
 * The response header the AI SDK sets on a UI message stream; add it with `sseResponse`.
 *
 * @example
 * ```ts
 * sseResponse(uiMessageEventStream(tokens), { request, headers: UI_MESSAGE_STREAM_HEADERS });
 * ```
 */
export const UI_MESSAGE_STREAM_HEADERS: Readonly<Record<string, string>> = Object.freeze({
	'x-vercel-ai-ui-message-stream': 'v1'
});

const chunk = (value: object): SSEMessage => ({ data: JSON.stringify(value) });

const DEFAULT_ERROR_TEXT = 'The answer could not be completed.';

function errorTextOf(error: unknown, onError: UIMessageEventStreamOptions['onError']): string {
	try {
		const text = onError?.(error);
		if (typeof text === 'string') return text;
	} catch {
		// A broken onError must not leak the original error; fall back to the generic message.
	}
	return DEFAULT_ERROR_TEXT;
}

/**
 * Turns text deltas (and tool calls) into the Vercel AI SDK's UI message stream (protocol `v1`),
 * what `@ai-sdk/svelte`'s `Chat` reads through `DefaultChatTransport`: `start`, one text part of
 * `text-delta` chunks, tool chunks, `finish`, then `data: [DONE]`. When `tokens` throws, the stream
 * ends the way the AI SDK's own server ends it: a `{ "type": "error", "errorText" }` chunk (text from
 * `options.onError`), then `data: [DONE]`, so `Chat` shows the error and keeps the partial answer.
 * The error is not rethrown: `sseResponse`'s plain-text `event: error` is not JSON, and the SDK's
 * client would report it as a parse failure instead.
 *
 * @example
 * ```ts
 * return sseResponse(
 *   uiMessageEventStream(model.stream(prompt), {
 *     onError: (error) => (error instanceof RateLimitError ? 'Busy; try again soon.' : undefined)
 *   }),
 *   { request, headers: UI_MESSAGE_STREAM_HEADERS }
 * );
 * ```
 */
export async function* uiMessageEventStream(
	tokens: AsyncIterable<string | UIToolCallChunk>,
	options: UIMessageEventStreamOptions = {}
): AsyncGenerator<SSEMessage, void, undefined> {
	const messageId = options.messageId ?? crypto.randomUUID();
	yield chunk({ type: 'start', messageId });
	yield chunk({ type: 'start-step' });
	let textId: string | undefined;
	let parts = 0;
	try {
		for await (const token of tokens) {
			if (typeof token === 'string') {
				if (token === '') continue;
				if (textId === undefined) {
					textId = `${messageId}-text-${parts++}`;
					yield chunk({ type: 'text-start', id: textId });
				}
				yield chunk({ type: 'text-delta', id: textId, delta: token });
				continue;
			}
			// A tool call closes the current text part; text after it starts a new one, as the SDK does.
			if (textId !== undefined) yield chunk({ type: 'text-end', id: textId });
			textId = undefined;
			const { toolCallId, toolName } = token;
			// JSON has no `undefined`: a call without arguments is sent as `{}`, which the SDK accepts.
			const input = token.input === undefined ? {} : token.input;
			yield chunk({ type: 'tool-input-start', toolCallId, toolName });
			yield chunk({ type: 'tool-input-delta', toolCallId, inputTextDelta: JSON.stringify(input) });
			yield chunk({ type: 'tool-input-available', toolCallId, toolName, input });
			if (token.output !== undefined) {
				yield chunk({ type: 'tool-output-available', toolCallId, output: token.output });
			}
		}
	} catch (error) {
		yield chunk({ type: 'error', errorText: errorTextOf(error, options.onError) });
		yield { data: '[DONE]' };
		return;
	}
	if (textId !== undefined) yield chunk({ type: 'text-end', id: textId });
	yield chunk({ type: 'finish-step' });
	yield chunk({ type: 'finish', finishReason: options.finishReason ?? 'stop' });
	yield { data: '[DONE]' };
}
