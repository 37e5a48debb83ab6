import { isStreamError, StreamError } from '../errors.js';
import { resolveProtocol } from '../formats/index.js';
import type { LLMResult, LLMSnapshot, Protocol, ProtocolId } from '../types.js';
import { checkIdleTimeout, checkMaxEventBytes } from '../check-option.js';
import { backoffDelay, parseRetryAfter, wait } from './backoff.js';
import { readExcerpt } from './read-excerpt.js';
import { createReadSession, pumpBytes } from './read-session.js';
import { setTimer } from '../timer.js';

/**
 * How {@link streamLLM} reconnects after a dropped connection.
 *
 * @example
 * ```ts
 * await streamLLM({ url, reconnect: { maxAttempts: 3, initialDelayMs: 500, maxDelayMs: 8000 } });
 * ```
 */
export interface ReconnectOptions {
	/**
	 * Reconnect attempts in a row without a new event in between; a connection that delivers events
	 * resets the count.
	 * @default 5
	 */
	maxAttempts?: number;
	/**
	 * Base of the exponential back-off, until the server sends a `retry:` field, which replaces it.
	 * @default 1000
	 */
	initialDelayMs?: number;
	/**
	 * Cap of the back-off. A `Retry-After` longer than this ends the stream with the `http_status`
	 * error instead (its `retryAfterMs` says how long the server asked for).
	 * @default 30000
	 */
	maxDelayMs?: number;
}

/**
 * What {@link StreamLLMOptions.onReconnect} is told before each reconnect.
 *
 * @example
 * ```ts
 * await streamLLM({ url, onReconnect: (i: ReconnectInfo) => console.info(`retry ${i.attempt} in ${i.delayMs} ms`) });
 * ```
 */
export interface ReconnectInfo {
	/** 1 for the first reconnect since the last event arrived. */
	attempt: number;
	/** How long the client waits before reconnecting. */
	delayMs: number;
	/** What the reconnect sends as `Last-Event-ID` (`""`: none, the request is repeated). */
	lastEventId: string;
	/** Why the previous connection failed. */
	error: StreamError;
}

/**
 * Runs one request and resolves with everything it got, never rejecting for stream problems:
 * {@link streamLLM} is one, `websocketTransport()` makes another. The stores take one as their
 * `transport` option.
 *
 * @example
 * ```ts
 * const transport: LLMTransport = (options) => streamLLM({ ...options, idleTimeoutMs: 5_000 });
 * ```
 */
export type LLMTransport = (options: StreamLLMOptions) => Promise<LLMResult>;

/**
 * Options of {@link streamLLM}.
 *
 * @example
 * ```ts
 * const options: StreamLLMOptions = { url: '/api/chat', body: { messages }, idleTimeoutMs: 30_000 };
 * await streamLLM(options);
 * ```
 */
export interface StreamLLMOptions {
	/** Where to send the request. */
	url: string | URL;
	/** @default "POST" when there is a body, else "GET" */
	method?: string;
	/** Extra request headers. */
	headers?: HeadersInit;
	/**
	 * The request body. A string, `Blob`, `FormData`, `URLSearchParams`, buffer or stream is sent as
	 * is; any other object is sent as JSON with `content-type: application/json`.
	 */
	body?: BodyInit | object;
	/** @default "text" */
	protocol?: ProtocolId | Protocol;
	/**
	 * The `fetch` to use.
	 * @default globalThis.fetch
	 */
	fetch?: typeof fetch;
	/** Aborting ends the request at once and resolves with the partial result (`aborted`). */
	signal?: AbortSignal;
	/**
	 * Reconnecting after a dropped connection; `false` turns it off. A stream that carried event ids
	 * resumes with `Last-Event-ID`; one that delivered text without ids is not re-requested, since
	 * the server would generate the answer again (it ends with `disconnected`).
	 * @default { maxAttempts: 5, initialDelayMs: 1000, maxDelayMs: 30000 }
	 */
	reconnect?: false | ReconnectOptions;
	/**
	 * Milliseconds without a byte (heartbeat comments count) before the connection is given up as
	 * stalled, `idle_timeout`. Also bounds the wait for the response headers. `Infinity` (or anything
	 * past 2^31 - 1 ms, the longest a timer holds) is the same as unset.
	 * @default undefined (no idle timeout: reasoning models may think silently for minutes)
	 */
	idleTimeoutMs?: number;
	/**
	 * Largest SSE event, as `maxEventBytes` of `createSSEDecoder`: a larger one ends the answer with
	 * `event_too_large` (not retried).
	 * @default 1048576
	 */
	maxEventBytes?: number;
	/** Called after every event, with the answer so far. */
	onUpdate?: (snapshot: LLMSnapshot) => void;
	/** Called before each reconnect, e.g. to show a "reconnecting" state. */
	onReconnect?: (info: ReconnectInfo) => void;
	/**
	 * Called with every accepted response (2xx, `text/event-stream`) before its body is read, once
	 * per connection, reconnects included: the place to read headers such as a stream id.
	 * @example
	 * ```ts
	 * let streamId: string | null = null;
	 * await streamLLM({ url, body, onResponse: (r) => (streamId = r.headers.get('x-stream-id')) });
	 * ```
	 */
	onResponse?: (response: Response) => void;
}

/** How one connection ended, when it did not settle the answer. */
interface AttemptFailure {
	error: StreamError;
	/** Whether reconnecting could help. */
	retryable: boolean;
	/** The server's `Retry-After`, for 429 and 503. */
	retryAfterMs?: number;
}

const DEFAULT_RECONNECT: Required<ReconnectOptions> = {
	maxAttempts: 5,
	initialDelayMs: 1000,
	maxDelayMs: 30_000
};

/** `reconnect` with its defaults, field by field (an explicit `undefined` keeps the default too). */
function reconnectPolicy(reconnect: StreamLLMOptions['reconnect']): Required<ReconnectOptions> {
	if (reconnect === false) return { ...DEFAULT_RECONNECT, maxAttempts: 0 };
	if (reconnect === undefined) return DEFAULT_RECONNECT;
	if (typeof reconnect !== 'object' || reconnect === null) {
		throw new TypeError(
			`streamLLM: \`reconnect\` must be false or an object like { maxAttempts: 3 }, got ${String(reconnect)}.`
		);
	}
	const field = (name: keyof ReconnectOptions, whole: boolean): number => {
		const value = reconnect[name] ?? DEFAULT_RECONNECT[name];
		const valid =
			typeof value === 'number' &&
			value >= 0 &&
			(whole ? Number.isInteger(value) || value === Infinity : !Number.isNaN(value));
		if (!valid) {
			throw new TypeError(
				`streamLLM: \`reconnect.${name}\` must be ${whole ? 'a whole number' : 'a number of milliseconds'} ≥ 0 (or Infinity), got ${String(value)}.`
			);
		}
		return value;
	};
	return {
		maxAttempts: field('maxAttempts', true),
		initialDelayMs: field('initialDelayMs', false),
		maxDelayMs: field('maxDelayMs', false)
	};
}

/**
 * Sends a request and reads the streamed answer: fetch, SSE decoding, the protocol, idle timeout
 * and reconnection. It resolves with everything it got, also on failure (it does not reject for
 * network or stream problems): check `result.finished` and `result.error` (a `StreamError`).
 * Nothing here watches page visibility: a hidden tab keeps its stream and never re-sends.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const result = await streamLLM({
 *   url: '/api/chat',
 *   body: { messages: [{ role: 'user', content: 'Hi' }] },
 *   signal: controller.signal,
 *   idleTimeoutMs: 30_000,
 *   onUpdate: (s) => (output.textContent = s.text)
 * });
 * if (result.error) console.warn(result.error.code, result.error.message);
 * ```
 */
export async function streamLLM(options: StreamLLMOptions): Promise<LLMResult> {
	if (!options || typeof options !== 'object' || options.url === undefined) {
		throw new TypeError("streamLLM needs a url: streamLLM({ url: '/api/chat', body: { … } })");
	}
	const doFetch = options.fetch ?? globalThis.fetch;
	if (typeof doFetch !== 'function') {
		throw new TypeError('streamLLM found no global fetch; pass one as `fetch`.');
	}
	if (!options.fetch) assertFetchableURL(options.url);
	checkMaxEventBytes(options.maxEventBytes, 'streamLLM');
	checkIdleTimeout(options.idleTimeoutMs, 'streamLLM');
	const idleTimeoutMs = options.idleTimeoutMs;
	const protocol = resolveProtocol(options.protocol ?? 'text');
	const policy = reconnectPolicy(options.reconnect);
	const request = prepareRequest(options);
	const session = createReadSession(protocol, options.onUpdate);
	const signal = options.signal;
	let serverRetryMs: number | null = null;
	let failures = 0;
	let eventsBefore = 0;

	for (;;) {
		const failure = await connect();
		if (session.settled) break;
		if (signal?.aborted || !failure) {
			session.fail(
				new StreamError('aborted', 'The stream was aborted.', { cause: signal?.reason })
			);
			break;
		}
		const progressed = session.eventCount > eventsBefore;
		eventsBefore = session.eventCount;
		failures = progressed ? 1 : failures + 1;
		if (!failure.retryable || failures > policy.maxAttempts) {
			session.fail(failure.error);
			break;
		}
		if (failure.retryAfterMs !== undefined && failure.retryAfterMs > policy.maxDelayMs) {
			session.fail(failure.error);
			break;
		}
		const delayMs =
			failure.retryAfterMs ??
			backoffDelay(failures, serverRetryMs ?? policy.initialDelayMs, policy.maxDelayMs);
		options.onReconnect?.({
			attempt: failures,
			delayMs,
			lastEventId: session.lastEventId,
			error: failure.error
		});
		if (!(await wait(delayMs, signal))) {
			session.fail(
				new StreamError('aborted', 'The stream was aborted.', { cause: signal?.reason })
			);
			break;
		}
	}
	session.rethrowCallbackError();
	return session.result();

	/** One connection. Returns why it failed, or `undefined` if the answer settled or was aborted. */
	async function connect(): Promise<AttemptFailure | undefined> {
		if (signal?.aborted) return undefined;
		const controller = new AbortController();
		const onAbort = () => controller.abort(signal?.reason);
		signal?.addEventListener('abort', onAbort, { once: true });
		const stalled = new StreamError(
			'idle_timeout',
			`No data arrived for ${idleTimeoutMs} ms; the connection was given up.`
		);
		let idleTimer: ReturnType<typeof setTimeout> | undefined;
		const touch = () => {
			if (idleTimeoutMs === undefined) return;
			clearTimeout(idleTimer);
			idleTimer = setTimer(() => controller.abort(stalled), idleTimeoutMs);
		};
		touch();
		try {
			return await exchange(controller.signal, touch, stalled);
		} finally {
			clearTimeout(idleTimer);
			signal?.removeEventListener('abort', onAbort);
		}
	}

	async function exchange(
		attemptSignal: AbortSignal,
		touch: () => void,
		stalled: StreamError
	): Promise<AttemptFailure | undefined> {
		const headers = new Headers(request.headers);
		if (session.lastEventId !== '') headers.set('last-event-id', session.lastEventId);
		const transient = (error: StreamError): AttemptFailure => ({
			error,
			retryable: request.replayable && (session.lastEventId !== '' || session.eventCount === 0)
		});

		let response: Response;
		try {
			response = await doFetch(options.url, {
				method: request.method,
				headers,
				body: request.body,
				signal: attemptSignal,
				// fetch refuses a stream body without it (Fetch spec; Node's undici and Chromium).
				...(request.replayable ? {} : { duplex: 'half' })
			} as RequestInit);
		} catch (error) {
			if (signal?.aborted) return undefined;
			if (attemptSignal.reason === stalled) return transient(stalled);
			return transient(
				new StreamError('network', 'The request failed before the server answered.', {
					cause: error
				})
			);
		}
		touch();

		if (!response.ok) {
			const excerpt = await readExcerpt(response);
			if (signal?.aborted) return undefined;
			const retryAfterMs =
				response.status === 429 || response.status === 503
					? parseRetryAfter(response.headers.get('retry-after'))
					: undefined;
			const error = new StreamError(
				'http_status',
				`The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${excerpt ? `: ${excerpt}` : '.'}`,
				{ status: response.status, retryAfterMs }
			);
			// 429 and 5xx may pass; any other client error would fail the same way again.
			const mayPass = response.status === 429 || response.status >= 500;
			return { error, retryable: mayPass && transient(error).retryable, retryAfterMs };
		}

		const type = response.headers.get('content-type') ?? '';
		if (!/^\s*text\/event-stream\s*(;|$)/i.test(type) || !response.body) {
			await response.body?.cancel().catch(() => {});
			return {
				error: new StreamError(
					'bad_content_type',
					`Expected a text/event-stream response for the ${protocol.id} protocol, got "${type || 'no content type'}".`,
					{ status: response.status }
				),
				retryable: false
			};
		}

		options.onResponse?.(response);
		try {
			await pumpBytes(response.body, session, {
				signal: attemptSignal,
				onChunk: touch,
				onRetry: (ms) => (serverRetryMs = ms),
				maxEventBytes: options.maxEventBytes
			});
		} catch (error) {
			if (signal?.aborted) return undefined;
			if (attemptSignal.reason === stalled) return transient(stalled);
			if (isStreamError(error)) return { error, retryable: false };
			return transient(
				new StreamError('disconnected', 'The connection dropped before the answer was complete.', {
					cause: error
				})
			);
		}
		if (session.settled) return undefined;
		return transient(
			new StreamError('disconnected', 'The stream ended before the answer was complete.')
		);
	}
}

/**
 * A URL the global fetch cannot parse would fail as a "network" error and be retried for nothing;
 * it is a programming error, so it is reported at once. (A custom fetch, such as SvelteKit's in
 * `load`, may accept relative URLs on the server, so it is not checked.)
 */
function assertFetchableURL(url: string | URL): void {
	if (url instanceof URL) return;
	const base = (globalThis as { location?: { href?: string } }).location?.href;
	try {
		new URL(String(url), base);
	} catch {
		throw new TypeError(
			`streamLLM cannot request ${JSON.stringify(String(url))}: ${base ? 'not a valid URL' : 'outside a browser the URL must be absolute (http://…)'}, or pass your own \`fetch\`.`
		);
	}
}

/** The parts of the request that stay the same across reconnects. */
interface PreparedRequest {
	method: string;
	headers: Headers;
	body: BodyInit | undefined;
	/** Whether the body can be sent again (a stream can be read only once). */
	replayable: boolean;
}

function prepareRequest(options: StreamLLMOptions): PreparedRequest {
	const headers = new Headers(options.headers);
	let body: BodyInit | undefined;
	if (options.body === undefined || options.body === null || isBodyInit(options.body)) {
		body = options.body ?? undefined;
	} else {
		body = JSON.stringify(options.body);
		if (!headers.has('content-type')) headers.set('content-type', 'application/json');
	}
	if (!headers.has('accept')) headers.set('accept', 'text/event-stream');
	return {
		method: options.method ?? (body === undefined ? 'GET' : 'POST'),
		headers,
		body,
		replayable: !(typeof ReadableStream !== 'undefined' && body instanceof ReadableStream)
	};
}

function isBodyInit(body: unknown): body is BodyInit {
	return (
		typeof body === 'string' ||
		body instanceof ArrayBuffer ||
		ArrayBuffer.isView(body) ||
		(typeof Blob !== 'undefined' && body instanceof Blob) ||
		(typeof FormData !== 'undefined' && body instanceof FormData) ||
		(typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams) ||
		(typeof ReadableStream !== 'undefined' && body instanceof ReadableStream)
	);
}
