/** One Server-Sent Event to send. */
export interface SSEMessage {
	/** The payload; line breaks of any kind become separate `data:` lines. */
	data: string;
	/** The event type; omitted means `message`. Must be one line. */
	event?: string;
	/** The event id a client resumes from. One line, no U+0000. */
	id?: string;
	/** The reconnection delay the client should use, in milliseconds. */
	retry?: number;
}

const LINE_BREAK = /\r\n|\r|\n/;

function singleLine(value: string, field: 'event' | 'id'): string {
	if (/[\r\n]/.test(value)) {
		throw new TypeError(`SSE \`${field}\` must be one line, got ${JSON.stringify(value)}`);
	}
	if (field === 'id' && value.includes('\u0000')) {
		throw new TypeError(`SSE \`id\` must not contain U+0000, got ${JSON.stringify(value)}`);
	}
	return value;
}

/**
 * Encodes one event in the SSE wire format. Every string round-trips through a spec-compliant
 * decoder, except that CR and CRLF arrive as LF (SSE cannot carry a CR).
 *
 * @example
 * ```ts
 * encodeSSE({ event: 'done', data: '' }); // "event: done\ndata: \n\n"
 * ```
 */
export function encodeSSE(message: SSEMessage): string {
	let out = '';
	if (message.event !== undefined) out += `event: ${singleLine(message.event, 'event')}\n`;
	if (message.id !== undefined) out += `id: ${singleLine(message.id, 'id')}\n`;
	if (message.retry !== undefined) {
		if (!Number.isFinite(message.retry) || message.retry < 0) {
			throw new TypeError(`SSE \`retry\` must be a non-negative number, got ${message.retry}`);
		}
		out += `retry: ${Math.floor(message.retry)}\n`;
	}
	const data = message.data;
	// "data: " + value: the decoder strips exactly one space, so a leading space in the value survives.
	if (!LINE_BREAK.test(data)) return out + 'data: ' + data + '\n\n';
	for (const line of data.split(LINE_BREAK)) out += 'data: ' + line + '\n';
	return out + '\n';
}
