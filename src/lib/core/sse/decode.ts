import { StreamError } from '../errors.js';

/** One dispatched Server-Sent Event. */
export interface SSEEvent {
	/** The event type; `"message"` when the block had no `event:` field. */
	event: string;
	/** The data lines joined with `\n`. */
	data: string;
	/** The last event ID in force when this event was dispatched (it persists across events). */
	id: string;
}

/** Options of {@link createSSEDecoder}. */
export interface SSEDecoderOptions {
	/** Called once per dispatched event. */
	onEvent: (event: SSEEvent) => void;
	/** Called for every valid `retry:` field (all ASCII digits), with the value in milliseconds. */
	onRetry?: (ms: number) => void;
	/** Called for every comment line (`: text`), with one leading space removed. */
	onComment?: (text: string) => void;
	/**
	 * Largest event, in UTF-16 code units of its pending lines, before the decoder throws a
	 * `StreamError` with code `event_too_large` instead of buffering without bound.
	 * @default 1048576
	 */
	maxEventBytes?: number;
	/**
	 * The last event ID a previous connection ended with. A resumed stream starts from it, so an event
	 * without an `id:` field still reports the ID in force.
	 * @default ""
	 */
	lastEventId?: string;
}

/** A streaming SSE decoder; see {@link createSSEDecoder}. */
export interface SSEDecoder {
	/** Feeds the next chunk. Bytes are UTF-8 and may be split anywhere, even inside a character. */
	push(chunk: string | Uint8Array): void;
	/** Ends the stream: an incomplete line or event is discarded, as the specification requires. */
	end(): void;
	/** The last event ID string, what a reconnect sends as `Last-Event-ID`. */
	readonly lastEventId: string;
	/** The last valid `retry:` value in milliseconds, or `null` if none arrived. */
	readonly retry: number | null;
}

const LF = 10;
const CR = 13;
const SPACE = 32;
const NUL = '\u0000';

/**
 * Creates a decoder that follows the WHATWG HTML "Server-sent events" parsing and interpretation
 * algorithm exactly: CRLF, CR and LF line ends (also split across chunks), a BOM stripped only at the
 * very start, one leading space stripped from values, `retry` only when all ASCII digits, an `id` with
 * U+0000 ignored, an `id` in a data-less block still recorded, and an unterminated final block dropped.
 *
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 *
 * @example
 * ```ts
 * const decoder = createSSEDecoder({ onEvent: (e) => console.log(e.event, e.data) });
 * for await (const chunk of response.body!) decoder.push(chunk);
 * decoder.end();
 * ```
 */
export function createSSEDecoder(options: SSEDecoderOptions): SSEDecoder {
	if (typeof options === 'function') {
		throw new TypeError(
			'createSSEDecoder takes an options object. Did you mean `createSSEDecoder({ onEvent: fn })`?'
		);
	}
	if (!options || typeof options.onEvent !== 'function') {
		throw new TypeError(
			'createSSEDecoder needs an `onEvent` callback: createSSEDecoder({ onEvent })'
		);
	}
	const { onEvent, onRetry, onComment } = options;
	const maxEventBytes = options.maxEventBytes ?? 1024 * 1024;

	let utf8: TextDecoder | null = null;
	let started = false; // whether the first character (a possible BOM) has been seen
	let partialLine = ''; // text after the last line end, not yet terminated
	let skipLeadingLF = false; // the previous chunk ended in CR: a following LF belongs to it
	let data = '';
	let hasData = false;
	let eventType = '';
	let idBuffer = options.lastEventId ?? '';
	let lastEventId = idBuffer;
	let retry: number | null = null;
	let pendingSize = 0;

	function resetEvent() {
		data = '';
		hasData = false;
		eventType = '';
		pendingSize = 0;
	}

	function dispatch() {
		lastEventId = idBuffer;
		if (!hasData) {
			resetEvent();
			return;
		}
		const event: SSEEvent = { event: eventType || 'message', data, id: lastEventId };
		resetEvent();
		onEvent(event);
	}

	function processLine(line: string) {
		if (line.length === 0) {
			dispatch();
			return;
		}
		const colon = line.indexOf(':');
		if (colon === 0) {
			if (onComment) onComment(line.charCodeAt(1) === SPACE ? line.slice(2) : line.slice(1));
			return;
		}
		let field: string;
		let value: string;
		if (colon === -1) {
			field = line;
			value = '';
		} else {
			field = line.slice(0, colon);
			value = line.slice(line.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1);
		}
		switch (field) {
			case 'data':
				pendingSize += value.length + 1;
				if (pendingSize > maxEventBytes) tooLarge();
				data = hasData ? data + '\n' + value : value;
				hasData = true;
				break;
			case 'event':
				eventType = value;
				break;
			case 'id':
				if (!value.includes(NUL)) idBuffer = value;
				break;
			case 'retry':
				if (/^[0-9]+$/.test(value)) {
					retry = parseInt(value, 10);
					onRetry?.(retry);
				}
				break;
			default:
			// Unknown fields are ignored (§9.2.6).
		}
	}

	function tooLarge(): never {
		resetEvent();
		partialLine = '';
		throw new StreamError(
			'event_too_large',
			`An SSE event exceeded maxEventBytes (${maxEventBytes}); raise the limit if such events are expected.`
		);
	}

	function pushText(text: string) {
		if (text.length === 0) return;
		let start = 0;
		if (!started) {
			started = true;
			if (text.charCodeAt(0) === 0xfeff) start = 1;
		}
		if (skipLeadingLF) {
			skipLeadingLF = false;
			if (text.charCodeAt(start) === LF) start++;
		}
		const length = text.length;
		let nextLF = text.indexOf('\n', start);
		let nextCR = text.indexOf('\r', start);
		while (start < length) {
			if (nextLF !== -1 && nextLF < start) nextLF = text.indexOf('\n', start);
			if (nextCR !== -1 && nextCR < start) nextCR = text.indexOf('\r', start);
			let end: number;
			if (nextLF === -1) {
				if (nextCR === -1) break;
				end = nextCR;
			} else end = nextCR === -1 || nextLF < nextCR ? nextLF : nextCR;

			let line = text.slice(start, end);
			if (partialLine.length !== 0) {
				line = partialLine + line;
				partialLine = '';
			}
			if (text.charCodeAt(end) === CR) {
				if (end + 1 === length) skipLeadingLF = true;
				else if (text.charCodeAt(end + 1) === LF) end++;
			}
			start = end + 1;
			processLine(line);
		}
		if (start < length) {
			partialLine += text.slice(start);
			if (partialLine.length + pendingSize > maxEventBytes) tooLarge();
		}
	}

	return {
		push(chunk) {
			if (typeof chunk === 'string') {
				pushText(chunk);
				return;
			}
			utf8 ??= new TextDecoder('utf-8', { ignoreBOM: true });
			pushText(utf8.decode(chunk, { stream: true }));
		},
		end() {
			if (utf8) {
				const rest = utf8.decode();
				utf8 = null;
				// Bytes of an incomplete character end the last line as U+FFFD; it is unterminated anyway.
				if (rest.length !== 0) pushText(rest);
			}
			partialLine = '';
			skipLeadingLF = false;
			resetEvent();
		},
		get lastEventId() {
			return lastEventId;
		},
		get retry() {
			return retry;
		}
	};
}
