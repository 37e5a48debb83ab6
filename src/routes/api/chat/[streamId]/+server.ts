import { chatRegistry } from '../chat-registry.js';
import { BadRequest, lastEventIdOf } from '../request.js';
import { follow } from '../resume.js';
import type { RequestHandler } from './$types.js';

/**
 * Resumes a stream: the events after `Last-Event-ID` (header or `lastEventId` query parameter; none
 * replays from the start), then the live ones. 404 once the stream is unknown or evicted.
 */
export const GET: RequestHandler = ({ request, params }) =>
	follow(request, params.streamId, lastEventIdOf(request));

/**
 * Stops a generation now: the user pressed Stop. A dropped connection alone keeps it running for a
 * while (so the client can resume); this ends it at once, and its `finally` aborts the model call.
 * 204 when it was running, 404 when it is unknown or already over.
 */
export const DELETE: RequestHandler = async ({ params }) =>
	(await chatRegistry.stop(params.streamId))
		? new Response(null, { status: 204 })
		: new BadRequest(
				404,
				'unknown_stream',
				`No running stream ${JSON.stringify(params.streamId)}; it may have finished already.`
			).toResponse();

export const fallback: RequestHandler = ({ request }) =>
	new BadRequest(
		405,
		'method_not_allowed',
		`${request.method} is not allowed; use GET with Last-Event-ID, or DELETE to stop.`
	).toResponse({ allow: 'GET, DELETE' });
