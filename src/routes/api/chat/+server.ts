import { env } from '$env/dynamic/private';
import { chatRegistry, logGeneration } from './chat-registry.js';
import { dropAfter, withFault } from './faults.js';
import { mockChunks, type MockChunk } from './mock-llm.js';
import { openAITokens } from './openai.js';
import { encodeAs, streamIdFor } from './protocols.js';
import { BadRequest, lastEventIdOf, parseChatRequest, type ChatRequest } from './request.js';
import { createRateLimitWindow } from './rate-limit.js';
import { follow, registryErrorResponse } from './resume.js';
import type { RequestHandler } from './$types.js';

// App state of the demo (like its registry): `status:429` refuses a conversation for one second.
const rateLimit = createRateLimitWindow(1000);

/** The answer's chunks, from the mock or (with `OPENAI_API_KEY`) an OpenAI-compatible model. */
function chunksFor(chat: ChatRequest, signal: AbortSignal): AsyncIterable<MockChunk> {
	if (chat.provider === 'openai') {
		return openAITokens(
			chat.messages,
			{ apiKey: env.OPENAI_API_KEY ?? '', baseUrl: env.OPENAI_BASE_URL, model: env.OPENAI_MODEL },
			signal
		);
	}
	return mockChunks(chat.messages, { delayMs: chat.delayMs, signal });
}

/** One generation, logged so tests of the built server can see its `finally` run. */
async function* generation(chat: ChatRequest, streamId: string, signal: AbortSignal) {
	let sent = 0;
	logGeneration({ event: 'start', streamId });
	try {
		const messages = encodeAs(chat.protocol, chunksFor(chat, signal), streamId);
		for await (const message of withFault(messages, chat.fault, signal)) {
			sent++;
			yield message;
		}
	} finally {
		logGeneration({ event: 'finally', streamId, sent, aborted: signal.aborted });
	}
}

export const POST: RequestHandler = async ({ request }) => {
	let chat: ChatRequest;
	try {
		chat = await parseChatRequest(request);
	} catch (error) {
		if (error instanceof BadRequest) return error.toResponse();
		throw error;
	}

	// A reconnect (streamLLM re-sends the same request with Last-Event-ID): attach, never regenerate.
	const lastEventId = lastEventIdOf(request);
	if (lastEventId !== null) {
		const streamId = chatRegistry.streamIdOf(lastEventId);
		if (streamId === undefined) {
			return new BadRequest(
				400,
				'invalid_last_event_id',
				`Last-Event-ID ${JSON.stringify(lastEventId)} is not an event id of this endpoint; send the id of the last event received.`
			).toResponse();
		}
		return follow(request, streamId, lastEventId);
	}

	const { fault } = chat;
	if (fault.kind === 'status' && fault.status === 500) {
		return new BadRequest(
			500,
			'mock_fault',
			'The mock model failed (injected status:500).'
		).toResponse();
	}
	if (fault.kind === 'status' && fault.status === 429) {
		const waitMs = rateLimit.check(JSON.stringify(chat.messages));
		if (waitMs > 0) {
			const seconds = Math.ceil(waitMs / 1000);
			return new BadRequest(
				429,
				'mock_fault',
				`Too many requests (injected status:429); retry after ${seconds} s.`
			).toResponse({ 'retry-after': String(seconds) });
		}
	}
	if (chat.provider === 'openai' && !env.OPENAI_API_KEY) {
		return new BadRequest(
			400,
			'provider_unavailable',
			'provider "openai" needs OPENAI_API_KEY (and optionally OPENAI_BASE_URL) set on the server.'
		).toResponse();
	}

	const streamId = streamIdFor(chat.protocol);
	try {
		await chatRegistry.start((signal) => generation(chat, streamId, signal), { id: streamId });
	} catch (error) {
		return registryErrorResponse(error);
	}
	const response = await follow(request, streamId, null);
	if (fault.kind !== 'drop-after' || !response.body) return response;
	return new Response(dropAfter(response.body, fault.events), {
		status: response.status,
		headers: response.headers
	});
};

export const fallback: RequestHandler = ({ request }) =>
	new BadRequest(
		405,
		'method_not_allowed',
		`${request.method} is not allowed; use POST.`
	).toResponse({
		allow: 'POST'
	});
