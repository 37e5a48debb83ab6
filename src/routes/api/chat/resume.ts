import { sseResponse, StreamRegistryError } from '$lib/server/index.js';
import { chatRegistry } from './chat-registry.js';
import { errorEventFor, headersFor, protocolOfStream } from './protocols.js';
import { BadRequest } from './request.js';

const STATUS: Partial<Record<string, number>> = {
	unknown_stream: 404,
	invalid_last_event_id: 400,
	too_many_streams: 503
};

/** A registry error as the endpoint's JSON error; anything else is rethrown (a real 500). */
export function registryErrorResponse(error: unknown): Response {
	if (!(error instanceof StreamRegistryError) || STATUS[error.code] === undefined) throw error;
	const status = STATUS[error.code]!;
	return new BadRequest(status, error.code, error.message).toResponse(
		status === 503 ? { 'retry-after': '5' } : undefined
	);
}

/** Streams a registered answer to this client: the events after `lastEventId`, then live. */
export async function follow(
	request: Request,
	streamId: string,
	lastEventId: string | null
): Promise<Response> {
	let events;
	try {
		events = await chatRegistry.follow(streamId, { lastEventId, signal: request.signal });
	} catch (error) {
		return registryErrorResponse(error);
	}
	const protocol = protocolOfStream(streamId);
	return sseResponse(events, {
		request,
		headers: { 'x-stream-id': streamId, ...headersFor(protocol) },
		onError: errorEventFor(protocol)
	});
}
