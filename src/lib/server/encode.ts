/**
 * One Server-Sent Event to send.
 *
 * @example
 * ```ts
 * const done: SSEMessage = { event: 'done', id: 'abc:42', data: 'stop' };
 * ```
 */
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
const HAS_LINE_BREAK = /[\r\n]/;

function singleLine(value: unknown, field: 'event' | 'id'): string {
	if (typeof value !== 'string') {
		throw new TypeError(`SSE \`${field}\` must be a string, got ${typeof value}`);
	}
	if (HAS_LINE_BREAK.test(value)) {
		throw new TypeError(
			`SSE \`${field}\` must be one line; remove the line break from ${JSON.stringify(value)}`
		);
	}
	// A decoder ignores an id with U+0000 (WHATWG SSE §9.2.6), so the client would resume from the wrong place.
	if (field === 'id' && value.includes('\u0000')) {
		throw new TypeError(`SSE \`id\` must not contain U+0000, got ${JSON.stringify(value)}`);
	}
	return value;
}

/**
 * Encodes one event in the SSE wire format. Every string round-trips through a spec-compliant
 * decoder, except that CR and CRLF arrive as LF (SSE cannot carry a CR).
 *
 * @throws {TypeError} when `event` or `id` holds a line break, `id` holds U+0000, `data` is not a
 * string, or `retry` is not a non-negative number.
 *
 * @example
 * ```ts
 * encodeSSE({ event: 'done', data: 'stop' }); // "event: done\ndata: stop\n\n"
 * encodeSSE({ data: 'a\nb' }); // "data: a\ndata: b\n\n"
 * ```
 */
export function encodeSSE(message: SSEMessage): string {
	if (typeof message !== 'object' || message === null) {
		throw new TypeError('encodeSSE takes an object, e.g. encodeSSE({ data: "hello" })');
	}
	const data = message.data;
	if (typeof data !== 'string') {
		throw new TypeError(
			`SSE \`data\` must be a string, got ${typeof data}; JSON.stringify objects first`
		);
	}
	let out = '';
	if (message.event !== undefined) out += `event: ${singleLine(message.event, 'event')}\n`;
	if (message.id !== undefined) out += `id: ${singleLine(message.id, 'id')}\n`;
	if (message.retry !== undefined) {
		if (!isRetryValue(message.retry)) {
			throw new TypeError(
				`SSE \`retry\` must be a whole number of milliseconds from 0 to 2^53 - 1, got ${String(message.retry)}`
			);
		}
		out += `retry: ${Math.floor(message.retry)}\n`;
	}
	// "data: " + value: the decoder strips exactly one space, so a leading space in the value survives.
	if (!HAS_LINE_BREAK.test(data)) return out + 'data: ' + data + '\n\n';
	for (const line of data.split(LINE_BREAK)) out += 'data: ' + line + '\n';
	return out + '\n';
}

/**
 * Whether `value` can be sent as `retry:`: decoders accept only ASCII digits, so a number whose
 * whole part prints as digits (0 up to `Number.MAX_SAFE_INTEGER`; no exponent, no `Infinity`).
 */
export function isRetryValue(value: unknown): value is number {
	return typeof value === 'number' && value >= 0 && value <= Number.MAX_SAFE_INTEGER;
}
