import { StreamError } from '../errors.js';
import { readLLMStream } from '../read-llm-stream.js';
import type { LLMResult, LLMSnapshot, Protocol, ProtocolId } from '../types.js';

/** Options of {@link streamLLM}. */
export interface StreamLLMOptions {
	/** Where to send the request. */
	url: string | URL;
	/** @default "POST" when there is a body, else "GET" */
	method?: string;
	/** Extra request headers. */
	headers?: HeadersInit;
	/** A plain object or array is sent as JSON; anything else `fetch` accepts is sent as is. */
	body?: BodyInit | object;
	/** @default "text" */
	protocol?: ProtocolId | Protocol;
	/** A `fetch` to use instead of the global one. */
	fetch?: typeof fetch;
	/** Aborting ends the request at once and resolves with the partial result. */
	signal?: AbortSignal;
	/** Called after every event that changed the answer. */
	onUpdate?: (snapshot: LLMSnapshot) => void;
}

const isPlainBody = (body: unknown): body is object =>
	typeof body === 'object' &&
	body !== null &&
	(Array.isArray(body) || Object.getPrototypeOf(body) === Object.prototype);

/**
 * Sends a request and reads the streamed answer. It resolves with everything it got, also on
 * failure: check `result.error` (a `StreamError`) and `result.finished`.
 *
 * @example
 * ```ts
 * const result = await streamLLM({
 *   url: '/api/chat',
 *   body: { messages: [{ role: 'user', content: 'Hi' }] },
 *   onUpdate: (s) => (output.textContent = s.text)
 * });
 * ```
 */
export async function streamLLM(options: StreamLLMOptions): Promise<LLMResult> {
	const protocol = options.protocol ?? 'text';
	const doFetch = options.fetch ?? globalThis.fetch;
	const headers = new Headers(options.headers);
	let body = options.body as BodyInit | undefined;
	if (isPlainBody(options.body)) {
		body = JSON.stringify(options.body);
		if (!headers.has('content-type')) headers.set('content-type', 'application/json');
	}
	if (!headers.has('accept')) headers.set('accept', 'text/event-stream');
	const empty = (error: StreamError): LLMResult => ({
		text: '',
		reasoning: '',
		toolCalls: [],
		finished: false,
		error,
		lastEventId: ''
	});

	let response: Response;
	try {
		response = await doFetch(options.url, {
			method: options.method ?? (body === undefined ? 'GET' : 'POST'),
			headers,
			body,
			signal: options.signal,
			cache: 'no-store'
		});
	} catch (error) {
		return empty(
			options.signal?.aborted
				? new StreamError('aborted', 'The request was aborted.', { cause: error })
				: new StreamError('network', 'The request failed before the server answered.', {
						cause: error
					})
		);
	}
	if (!response.ok) {
		const excerpt = (await response.text().catch(() => '')).slice(0, 200);
		return empty(
			new StreamError('http_status', `The server answered ${response.status}: ${excerpt}`, {
				status: response.status
			})
		);
	}
	const type = response.headers.get('content-type') ?? '';
	if (!/^text\/event-stream\b/i.test(type) || !response.body) {
		await response.body?.cancel().catch(() => {});
		return empty(
			new StreamError('bad_content_type', `Expected text/event-stream, got "${type || 'nothing'}".`)
		);
	}
	return readLLMStream(response.body, {
		protocol,
		signal: options.signal,
		onUpdate: options.onUpdate
	});
}
