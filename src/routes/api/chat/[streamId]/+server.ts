import { BadRequest, lastEventIdOf } from '../request.js';
import { follow } from '../resume.js';
import type { RequestHandler } from './$types.js';

/**
 * Resumes a stream: the events after `Last-Event-ID` (header or `lastEventId` query parameter; none
 * replays from the start), then the live ones. 404 once the stream is unknown or evicted.
 */
export const GET: RequestHandler = ({ request, params }) =>
	follow(request, params.streamId, lastEventIdOf(request));

export const fallback: RequestHandler = ({ request }) =>
	new BadRequest(
		405,
		'method_not_allowed',
		`${request.method} is not allowed; use GET with Last-Event-ID.`
	).toResponse({ allow: 'GET' });
