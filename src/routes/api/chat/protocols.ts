import {
	StreamRegistryError,
	textEventStream,
	uiMessageEventStream,
	UI_MESSAGE_STREAM_HEADERS,
	type SSEMessage
} from '$lib/server/index.js';
import { MockFaultError } from './faults.js';
import type { MockChunk } from './mock-llm.js';
import type { ChatProtocol } from './request.js';

/** Encodes model chunks as the SSE messages of one wire protocol. */
export function encodeAs(
	protocol: ChatProtocol,
	chunks: AsyncIterable<MockChunk>,
	messageId: string
): AsyncIterable<SSEMessage> {
	if (protocol === 'ai-sdk-ui') {
		return uiMessageEventStream(chunks, { messageId, onError: safeMessage });
	}
	return textEventStream(asTextProtocol(chunks));
}

async function* asTextProtocol(
	chunks: AsyncIterable<MockChunk>
): AsyncGenerator<string | SSEMessage> {
	for await (const chunk of chunks) {
		if (typeof chunk === 'string') yield chunk;
		else {
			const { toolCallId: id, toolName: name, input, output } = chunk;
			yield { event: 'tool-call', data: JSON.stringify({ id, name, input, output }) };
		}
	}
}

/** Response headers a protocol's clients expect besides the SSE ones. */
export const headersFor = (protocol: ChatProtocol): Record<string, string> =>
	protocol === 'ai-sdk-ui' ? { ...UI_MESSAGE_STREAM_HEADERS } : {};

/** The part of an error that is safe to show: the mock's own faults and the registry's limits. */
export function safeMessage(error: unknown): string {
	if (error instanceof StreamRegistryError) {
		if (error.cause instanceof MockFaultError) return error.cause.message;
		if (error.code !== 'source_failed') return error.message;
	}
	if (error instanceof MockFaultError) return error.message;
	return 'The answer could not be completed.';
}

/** `sseResponse`'s `onError` for a protocol: how that protocol says "this answer failed". */
export const errorEventFor =
	(protocol: ChatProtocol) =>
	(error: unknown): SSEMessage =>
		protocol === 'ai-sdk-ui'
			? {
					// The AI SDK reads only `data`; an `event:` line would be ignored, so none is sent.
					event: undefined,
					data: JSON.stringify({ type: 'error', errorText: safeMessage(error) })
				}
			: { event: 'error', data: safeMessage(error) };

/** Stream ids carry their protocol, so `GET /api/chat/{id}` can resume without being told it. */
export const streamIdFor = (protocol: ChatProtocol) =>
	`${protocol === 'ai-sdk-ui' ? 'ui' : 'text'}-${crypto.randomUUID()}`;

export const protocolOfStream = (streamId: string): ChatProtocol =>
	streamId.startsWith('ui-') ? 'ai-sdk-ui' : 'text';
