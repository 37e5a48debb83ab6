import { checkMaxEventBytes, DEFAULT_MAX_EVENT_BYTES } from '../check-option.js';
import { StreamError } from '../errors.js';
import { createChunkDecoder, type ChunkDecoder } from './utf8.js';

/**
 * One dispatched Server-Sent Event.
 *
 * @example
 * ```ts
 * createSSEDecoder({ onEvent: (e: SSEEvent) => console.log(e.event, e.id, e.data) });
 * ```
 */
export interface SSEEvent {
	/** The event type; `"message"` when the block had no `event:` field. */
	event: string;
	/** The data lines joined with `\n`. */
	data: string;
	/** The last event ID in force when this event was dispatched (it persists across events). */
	id: string;
}

/**
 * Options of {@link createSSEDecoder}.
 *
 * @example
 * ```ts
 * const options: SSEDecoderOptions = { onEvent, onRetry: (ms) => (delay = ms), maxEventBytes: 64 * 1024 };
 * ```
 */
export interface SSEDecoderOptions {
	/**
	 * Called once per dispatched event, during `push()`. An exception it throws propagates out of
	 * `push()`, and the rest of that chunk is not read; catch inside it to keep decoding.
	 */
	onEvent: (event: SSEEvent) => void;
	/** Called for every valid `retry:` field (all ASCII digits), with the value in milliseconds. */
	onRetry?: (ms: number) => void;
	/** Called for every comment line (`: text`), with one leading space removed. */
	onComment?: (text: string) => void;
	/**
	 * Largest event: the length of its data (its `data:` values joined with `\n`), counted in UTF-16
	 * code units of the decoded text (for ASCII, its bytes). A line still arriving counts as it grows,
	 * so a longer event throws a `StreamError` with code `event_too_large` instead of buffering
	 * without bound, however the stream is cut into chunks. Any other line (`id:`, `event:`, a
	 * comment read by `onComment`, an unknown field) may be as long as this or 64 Ki code units,
	 * whichever is more; a comment is not kept at all without `onComment`.
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

/**
 * A streaming SSE decoder; see {@link createSSEDecoder}.
 *
 * @example
 * ```ts
 * const decoder: SSEDecoder = createSSEDecoder({ onEvent });
 * decoder.push(bytes);
 * const resumeFrom = decoder.lastEventId;
 * ```
 */
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
const COLON = 58;
/** The least any line other than `data:` may hold, whatever `maxEventBytes` is. */
const MIN_LINE_LIMIT = 64 * 1024;
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
	checkMaxEventBytes(options.maxEventBytes, 'createSSEDecoder');
	const maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
	const maxLineLength = Math.max(maxEventBytes, MIN_LINE_LIMIT);

	let utf8: ChunkDecoder | null = null;
	let started = false; // whether the first character (a possible BOM) has been seen
	let partialLine = ''; // text after the last line end, not yet terminated
	let skipLeadingLF = false; // the previous chunk ended in CR: a following LF belongs to it
	let data = '';
	let hasData = false;
	let eventType = '';
	let idBuffer = options.lastEventId ?? '';
	let lastEventId = idBuffer;
	// True while the current block has no data, event type or new id: then a lone `data:` line and a
	// blank line make the whole event, which the hot loop dispatches without touching the buffers.
	let pristine = true;
	// Where the value starts in `partialLine` when it is a `data:` line; -2 for any other line, -1
	// while it is too short to tell. Worked out while the chunk is still a flat string: reading
	// characters of the saved slice later was far slower in V8.
	let partialDataFrom = -1;
	let retry: number | null = null;
	let pendingSize = 0;

	function resetEvent() {
		data = '';
		hasData = false;
		eventType = '';
		pendingSize = 0;
		pristine = idBuffer === lastEventId;
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

	/** Processes the line `text[start, end)`; ranges, not slices, so most lines allocate nothing extra. */
	function processLine(text: string, start: number, end: number) {
		if (start === end) {
			dispatch();
			return;
		}
		const first = text.charCodeAt(start);
		// Fast path for the line almost every LLM stream is made of: "data:" at the start.
		if (first === 100 && isDataLine(text, start)) {
			const from = text.charCodeAt(start + 5) === SPACE ? start + 6 : start + 5;
			appendData(from < end ? text.slice(from, end) : '');
			return;
		}
		if (first === COLON) {
			// ":" starts a comment.
			if (onComment) {
				if (end - start > maxLineLength) lineTooLong();
				onComment(text.slice(text.charCodeAt(start + 1) === SPACE ? start + 2 : start + 1, end));
			}
			return;
		}
		let colon = text.indexOf(':', start);
		if (colon === -1 || colon > end) colon = end;
		const field = text.slice(start, colon);
		// Checked whole as in `checkPartialLine`, so where the chunks were cut does not matter.
		if (field !== 'data' && end - start > maxLineLength) lineTooLong();
		const from = colon === end ? end : text.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1;
		const value = from < end ? text.slice(from, end) : '';
		switch (field) {
			case 'data':
				appendData(value);
				break;
			case 'event':
				eventType = value;
				pristine = false;
				break;
			case 'id':
				if (!value.includes(NUL)) {
					idBuffer = value;
					pristine = false;
				}
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

	function appendData(value: string) {
		pendingSize = hasData ? pendingSize + 1 + value.length : value.length;
		if (pendingSize > maxEventBytes) tooLarge();
		data = hasData ? data + '\n' + value : value;
		hasData = true;
		pristine = false;
	}

	/**
	 * Bounds a line still being received: what it adds to the event's data if it is a `data:` line
	 * (its value, after a `\n` if data came before), else its whole length.
	 */
	function checkPartialLine() {
		// Under six characters it may still become a `data:` line whose value is empty so far.
		if (partialDataFrom === -1) return;
		if (partialDataFrom === -2) {
			if (partialLine.length > maxLineLength) lineTooLong();
			return;
		}
		const size = partialLine.length - partialDataFrom + (hasData ? 1 : 0);
		if (pendingSize + size > maxEventBytes) tooLarge();
	}

	/** Adds `text` to the unended line; a comment nobody reads needs only its colon. */
	function keepPartialLine(text: string) {
		const line = partialLine + text;
		partialLine = !onComment && line.charCodeAt(0) === COLON ? ':' : line;
	}

	const tooLarge = () =>
		overLimit(
			`An SSE event exceeded maxEventBytes (${maxEventBytes}); raise the limit if such events are expected.`
		);
	const lineTooLong = () =>
		overLimit(
			`An SSE line exceeded ${maxLineLength} characters (the larger of maxEventBytes and 64 Ki); raise maxEventBytes if such lines are expected.`
		);

	function overLimit(message: string): never {
		resetEvent();
		partialLine = '';
		throw new StreamError('event_too_large', message);
	}

	function pushText(text: string) {
		const length = text.length;
		if (length === 0) return;
		let start = 0;
		if (!started) {
			started = true;
			if (text.charCodeAt(0) === 0xfeff) start = 1;
		}
		if (skipLeadingLF) {
			skipLeadingLF = false;
			if (text.charCodeAt(start) === LF) start++;
		}
		// One scan for CR per chunk: most streams use LF only, and then the loop only looks for LF.
		const hasCR = text.indexOf('\r', start) !== -1;
		if (partialLine.length !== 0) {
			start = finishPartialLine(text, start, hasCR);
			if (start === -1) return;
		}
		start = hasCR ? scanLines(text, start) : scanLFLines(text, start);
		if (start < length) {
			partialDataFrom = dataValueStart(text, start, length);
			keepPartialLine(text.slice(start));
			checkPartialLine();
		}
	}

	/** Ends the line a previous chunk began; returns where the rest starts, or -1 if it is still open. */
	function finishPartialLine(text: string, start: number, hasCR: boolean): number {
		const lf = text.indexOf('\n', start);
		const cr = hasCR ? text.indexOf('\r', start) : -1;
		const end = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr;
		if (end === -1) {
			keepPartialLine(text.slice(start));
			if (partialDataFrom === -1)
				partialDataFrom = dataValueStart(partialLine, 0, partialLine.length);
			checkPartialLine();
			return -1;
		}
		if (end === lf && partialDataFrom >= 0 && pristine && text.charCodeAt(end + 1) === LF) {
			// A `data:` line cut by the chunk boundary and then a blank line: the event, whole.
			const value = partialLine.slice(partialDataFrom) + text.slice(start, end);
			partialLine = '';
			if (value.length > maxEventBytes) tooLarge();
			onEvent({ event: 'message', data: value, id: lastEventId });
			return end + 2;
		}
		const line = partialLine + text.slice(start, end);
		partialLine = '';
		processLine(line, 0, line.length);
		if (end !== cr) return end + 1;
		if (end + 1 === text.length) skipLeadingLF = true;
		else if (text.charCodeAt(end + 1) === LF) return end + 2;
		return end + 1;
	}

	/** The hot loop, for chunks without CR: LF is the only line end. Returns where the unended tail starts. */
	function scanLFLines(text: string, start: number): number {
		let end = text.indexOf('\n', start);
		while (end !== -1) {
			// `isDataLine` written out: as a call it is the first thing V8's inlining budget drops.
			if (
				pristine &&
				text.charCodeAt(end + 1) === LF &&
				text.charCodeAt(start) === 100 && // d
				text.charCodeAt(start + 1) === 97 && // a
				text.charCodeAt(start + 2) === 116 && // t
				text.charCodeAt(start + 3) === 97 && // a
				text.charCodeAt(start + 4) === 58 // :
			) {
				// The common case, one `data:` line and a blank line: dispatch without buffering.
				const from = text.charCodeAt(start + 5) === SPACE ? start + 6 : start + 5;
				const value = from < end ? text.slice(from, end) : '';
				if (value.length > maxEventBytes) tooLarge();
				start = end + 2;
				end = text.indexOf('\n', start);
				onEvent({ event: 'message', data: value, id: lastEventId });
				continue;
			}
			processLine(text, start, end);
			start = end + 1;
			end = text.indexOf('\n', start);
		}
		return start;
	}

	/** The general loop: CRLF, CR and LF line ends. */
	function scanLines(text: string, start: number): number {
		const length = text.length;
		let nextCR = text.indexOf('\r', start);
		let nextLF = text.indexOf('\n', start);
		while (nextLF !== -1 || nextCR !== -1) {
			const end = nextCR === -1 || (nextLF !== -1 && nextLF < nextCR) ? nextLF : nextCR;
			let next = end + 1;
			if (end === nextCR) {
				if (next === length) skipLeadingLF = true;
				else if (text.charCodeAt(next) === LF) next++;
			}
			processLine(text, start, end);
			start = next;
			if (nextLF !== -1 && nextLF < start) nextLF = text.indexOf('\n', start);
			if (nextCR !== -1 && nextCR < start) nextCR = text.indexOf('\r', start);
		}
		return start;
	}

	return {
		push(chunk) {
			if (typeof chunk === 'string') {
				pushText(chunk);
				return;
			}
			utf8 ??= createChunkDecoder();
			pushText(utf8.decode(chunk));
		},
		end() {
			if (utf8) {
				const rest = utf8.flush();
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

/**
 * For the unended line `text[start, length)`: where its value starts if it is a `data:` line, -2 if
 * it is another line, -1 if it is too short to tell.
 */
function dataValueStart(text: string, start: number, length: number): number {
	if (length - start < 6) return -1;
	if (!isDataLine(text, start)) return -2;
	return text.charCodeAt(start + 5) === SPACE ? 6 : 5;
}

/** Whether the line at `start` begins with `data:`. */
function isDataLine(text: string, start: number): boolean {
	return (
		text.charCodeAt(start) === 100 && // d
		text.charCodeAt(start + 1) === 97 && // a
		text.charCodeAt(start + 2) === 116 && // t
		text.charCodeAt(start + 3) === 97 && // a
		text.charCodeAt(start + 4) === 58 // :
	);
}
