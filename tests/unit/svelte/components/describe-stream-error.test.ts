import { describe, expect, test } from 'vitest';
import { StreamError, type StreamErrorCode } from '../../../../src/lib/core/errors.js';
import {
	describeStreamError,
	isResumable
} from '../../../../src/lib/svelte/components/stream-error/describe.js';

const http = (status: number, retryAfterMs?: number) =>
	new StreamError('http_status', `HTTP ${status}`, { status, retryAfterMs });

describe('describeStreamError', () => {
	test.each<[StreamError, string]>([
		[
			new StreamError('network', 'TypeError: fetch failed'),
			'The connection was lost before the answer finished.'
		],
		[new StreamError('disconnected', 'x'), 'The connection dropped before the answer finished.'],
		[new StreamError('idle_timeout', 'x'), 'The answer stalled: nothing arrived for too long.'],
		[new StreamError('aborted', 'x'), 'The answer was stopped before it finished.'],
		[
			new StreamError('upstream', 'rate_limit_error'),
			'The model reported an error: rate_limit_error'
		],
		[new StreamError('upstream', ''), 'The model reported an error.'],
		[new StreamError('bad_content_type', 'x'), 'The server did not send a stream.'],
		[
			new StreamError('protocol', 'x'),
			'The answer could not be read: the server sent unexpected data.'
		],
		[new StreamError('event_too_large', 'x'), 'The server sent a message too large to read.'],
		[http(500), 'The server had a problem (HTTP 500).'],
		[http(401), 'The server refused the request: not authorised (HTTP 401).'],
		[http(404), 'The server rejected the request (HTTP 404).'],
		[http(429), 'Too many requests. Wait a moment before trying again.'],
		[http(429, 1), 'Too many requests. The server asked to wait 1 second before trying again.'],
		[http(429, 1500), 'Too many requests. The server asked to wait 2 seconds before trying again.'],
		[
			http(503, 300_000),
			'The server had a problem (HTTP 503). The server asked to wait 5 minutes before trying again.'
		]
	])('%s', (error, text) => {
		expect(describeStreamError(error)).toBe(text);
	});

	test('only broken connections are resumable', () => {
		const codes: StreamErrorCode[] = ['network', 'disconnected', 'idle_timeout'];
		for (const code of codes) expect(isResumable(new StreamError(code, 'x'))).toBe(true);
		expect(isResumable(http(500))).toBe(false);
		expect(isResumable(new StreamError('upstream', 'x'))).toBe(false);
		expect(isResumable(new StreamError('aborted', 'x'))).toBe(false);
	});
});
