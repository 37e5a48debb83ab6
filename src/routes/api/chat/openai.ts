import { createSSEDecoder, type SSEEvent } from '$lib/core/index.js';
import type { ChatMessage } from './request.js';

/** Where and how to reach an OpenAI-compatible Chat Completions API. */
export interface OpenAIConfig {
	apiKey: string;
	/** @default "https://api.openai.com/v1" */
	baseUrl?: string;
	/** @default "gpt-4o-mini" */
	model?: string;
	/** A `fetch` to use instead of the global one. */
	fetch?: typeof fetch;
}

/** The upstream answered, but not with a stream; the message names the status, not the body. */
export class UpstreamError extends Error {
	override readonly name = 'UpstreamError';
}

/**
 * Streams the text deltas of an OpenAI-compatible chat completion. Aborting `signal` cancels the
 * upstream request, which is how a client that went away stops the paid generation.
 */
export async function* openAITokens(
	messages: ChatMessage[],
	config: OpenAIConfig,
	signal: AbortSignal
): AsyncGenerator<string> {
	const base = (config.baseUrl ?? 'https://api.openai.com/v1').replace(/\/+$/, '');
	const response = await (config.fetch ?? fetch)(`${base}/chat/completions`, {
		method: 'POST',
		headers: {
			authorization: `Bearer ${config.apiKey}`,
			'content-type': 'application/json',
			accept: 'text/event-stream'
		},
		body: JSON.stringify({ model: config.model ?? 'gpt-4o-mini', messages, stream: true }),
		signal
	});
	if (!response.ok || !response.body) {
		await response.body?.cancel().catch(() => {});
		throw new UpstreamError(`The model provider answered ${response.status}.`);
	}
	const events: SSEEvent[] = [];
	const decoder = createSSEDecoder({ onEvent: (event) => events.push(event) });
	const reader = response.body.getReader();
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			decoder.push(value);
			for (const event of events.splice(0)) {
				if (event.data === '[DONE]') return;
				const delta = (JSON.parse(event.data) as OpenAIChunk).choices?.[0]?.delta?.content;
				if (typeof delta === 'string' && delta !== '') yield delta;
			}
		}
		throw new UpstreamError('The model provider ended the stream early.');
	} finally {
		await reader.cancel().catch(() => {});
	}
}

interface OpenAIChunk {
	choices?: Array<{ delta?: { content?: string | null } }>;
}
