import { sseResponse, textEventStream } from '$lib/server/index.js';
import { mockTokens } from './mock-llm.js';
import { BadRequest, parseChatRequest } from './request.js';
import type { RequestHandler } from './$types.js';

export const POST: RequestHandler = async ({ request }) => {
	let chat;
	try {
		chat = await parseChatRequest(request);
	} catch (error) {
		if (error instanceof BadRequest) return error.toResponse();
		throw error;
	}
	const tokens = mockTokens(chat.messages, { delayMs: chat.delayMs, signal: request.signal });
	return sseResponse(textEventStream(tokens), { request });
};

export const fallback: RequestHandler = ({ request }) =>
	new BadRequest(
		405,
		'method_not_allowed',
		`${request.method} is not allowed; use POST.`
	).toResponse({
		allow: 'POST'
	});
