import type { Readable } from 'svelte/store';
import { StreamError } from '../core/errors.js';
import { resolveProtocol } from '../core/formats/index.js';
import {
	createFrameBatcher,
	type FrameBatcher,
	type Schedule
} from '../core/schedule/frame-batcher.js';
import {
	createSmoothReveal,
	safeCutIndex,
	type SmoothReveal,
	type SmoothRevealOptions
} from '../core/schedule/smooth-reveal.js';
import {
	streamLLM,
	type LLMTransport,
	type StreamLLMOptions
} from '../core/transport/stream-llm.js';
import type { LLMResult, LLMSnapshot, Protocol, ProtocolId, ToolCall } from '../core/types.js';
import { tapProtocol, type TokenKind } from './token-stream-tap.js';
import { onOwnerDestroy } from './owner.js';

/**
 * Where a {@link TokenStream} is in its life:
 * `idle` → `connecting` → `streaming` → `done` | `error` | `aborted`, with `reconnecting` while a
 * dropped connection is being resumed (back to `streaming` when tokens flow again).
 *
 * @example
 * ```svelte
 * <p aria-busy={stream.status === 'connecting' || stream.status === 'streaming'}>{stream.text}</p>
 * ```
 */
export type StreamStatus =
	'idle' | 'connecting' | 'streaming' | 'reconnecting' | 'done' | 'error' | 'aborted';

/**
 * Timing figures of the current (or last) answer.
 *
 * @example
 * ```svelte
 * {#if stream.metrics.ttftMs !== null}<small>first token after {stream.metrics.ttftMs} ms</small>{/if}
 * ```
 */
export interface StreamMetrics {
	/** Time to first token: from `start()` to the first text or reasoning token, in ms. */
	ttftMs: number | null;
	/** From `start()` to the end (done, error or stop), in ms; `null` while running. */
	durationMs: number | null;
	/**
	 * Decoding rate: tokens after the first ÷ seconds between the first and the last token.
	 * `null` until two tokens arrived at different times.
	 */
	tokensPerSecond: number | null;
	/** Reconnects the transport scheduled for this answer. */
	reconnects: number;
	/** Text and reasoning deltas received (one per provider chunk, which is about one token). */
	tokens: number;
}

/** The part of the transport's reconnect notice the store relies on. */
interface ReconnectNotice {
	/** 1 for the first reconnect since the last event arrived. */
	attempt: number;
	/** How long the transport waits before reconnecting. */
	delayMs: number;
	/** Why the connection was lost. */
	error: StreamError;
}

/**
 * Options of {@link createTokenStream}: the {@link streamLLM} options plus the store's own.
 *
 * @example
 * ```ts
 * const options: TokenStreamOptions = {
 *   url: '/api/chat',
 *   protocol: 'openai-chat',
 *   smooth: { maxLagMs: 200 },
 *   onFinish: (result) => console.log(result.finishReason)
 * };
 * ```
 */
export interface TokenStreamOptions extends Omit<
	StreamLLMOptions,
	'signal' | 'onUpdate' | 'onReconnect' | 'url' | 'headers' | 'body' | 'protocol'
> {
	/** Where to send the request; a function is called at every `start()`. */
	url: MaybeGetter<string | URL>;
	/** Request headers; a function is called at every `start()`, e.g. for a token that refreshes. */
	headers?: MaybeGetter<HeadersInit>;
	/** The request body (objects are sent as JSON); a function is called at every `start()`. */
	body?: MaybeGetter<StreamLLMOptions['body']>;
	/**
	 * The wire format; a function is called at every `start()`, so `() => protocol` follows `$state`.
	 * @default 'text'
	 */
	protocol?: MaybeGetter<ProtocolId | Protocol>;
	/**
	 * Reveals bursty tokens at an even, adaptive pace, never more than `maxLagMs` behind the
	 * network; everything shows at once on done, error or stop. `true` uses the default lag.
	 * @default false
	 */
	smooth?: boolean | SmoothRevealOptions;
	/**
	 * What runs each request: `streamLLM` (fetch + SSE + reconnect), or another
	 * {@link LLMTransport} such as `websocketTransport({ WebSocket })`. It gets the request options
	 * of this `start()` (url, headers and body read, the protocol, the abort signal, `onUpdate`).
	 * @default streamLLM
	 */
	transport?: LLMTransport;
	/**
	 * Runs one reactive update; called at most once per frame. Tests pass a manual one.
	 * @default requestAnimationFrame, or a 16 ms timer where there is none
	 */
	schedule?: Schedule;
	/**
	 * The clock for metrics and smoothing, in milliseconds.
	 * @default () => performance.now()
	 */
	now?: () => number;
	/** Called for every text or reasoning delta as it is parsed, before frame batching. */
	onToken?: (token: string, kind: TokenKind) => void;
	/** Called when the answer completes normally. */
	onFinish?: (result: LLMResult) => void;
	/** Called when the answer stops with an error (not for `stop()`). */
	onError?: (error: StreamError) => void;
	/**
	 * Called when `stop()` ends a running answer, after the status became `aborted`. `response` is
	 * the last response the server accepted (`null` if none had arrived): read the stream's id from
	 * its headers and tell the server to end the generation, which a dropped connection would
	 * otherwise keep running for a resume.
	 *
	 * @example
	 * ```ts
	 * onStop: ({ response }) => {
	 *   const id = response?.headers.get('x-stream-id');
	 *   if (id) void fetch(`/api/chat/${encodeURIComponent(id)}`, { method: 'DELETE' });
	 * }
	 * ```
	 */
	onStop?: (stopped: StoppedAnswer) => void;
	/** Called on every status change, after the store's state was updated. */
	onStatusChange?: (status: StreamStatus, previous: StreamStatus) => void;
	/**
	 * Called when the transport schedules a reconnect, after the status became `reconnecting`
	 * (`info` is `streamLLM`'s reconnect notice: attempt, delayMs, error, lastEventId).
	 */
	onReconnect?: (info: ReconnectNotice) => void;
}

/**
 * A value, or a function that returns it. Options of this type are read at every `start()`, so a
 * getter over `$state` (the chosen protocol, an auth token) needs no new store when it changes.
 *
 * @example
 * ```ts
 * let protocol = $state<ProtocolId>('openai-chat');
 * const stream = createTokenStream({ url: '/api/chat', protocol: () => protocol });
 * ```
 */
export type MaybeGetter<T> = T | (() => T);

/** Calls a getter; returns any other value as it is. */
const read = <T>(value: MaybeGetter<T>): T =>
	typeof value === 'function' ? (value as () => T)() : value;

/**
 * What {@link TokenStreamOptions.onStop} gets when `stop()` ends a running answer.
 *
 * @example
 * ```ts
 * const onStop = ({ response, text }: StoppedAnswer) => console.log(response?.status, text.length);
 * ```
 */
export interface StoppedAnswer {
	/** The last response the server accepted (after a reconnect, the newest), or `null`. */
	response: Response | null;
	/** The answer text kept, as shown after the stop. */
	text: string;
}

/**
 * What `$stream` holds: the stream's state as one plain object.
 *
 * @example
 * ```ts
 * const unsubscribe = stream.subscribe((state: TokenStreamState) => console.log(state.status));
 * ```
 */
export interface TokenStreamState {
	status: StreamStatus;
	text: string;
	reasoning: string;
	toolCalls: ToolCall[];
	error: StreamError | null;
	metrics: StreamMetrics;
}

/**
 * A streamed answer, readable as runes (`stream.text`) and as a store (`$stream.text`). Every
 * method is an arrow property, so `onclick={stream.stop}` and `const { subscribe } = stream` work.
 *
 * @example
 * ```svelte
 * <script lang="ts">
 *   let { stream }: { stream: TokenStream } = $props();
 * </script>
 * <p>{stream.text}</p> <p>{$stream.status}</p>
 * <button onclick={stream.stop}>Stop</button>
 * ```
 */
export interface TokenStream extends Readable<TokenStreamState> {
	/** Where the stream is in its life. */
	readonly status: StreamStatus;
	/** The answer text shown so far; kept after an error or `stop()`. */
	readonly text: string;
	/** Reasoning ("thinking") text, for providers that stream it. */
	readonly reasoning: string;
	/** Tool calls in the order they started; arguments may still be streaming. */
	readonly toolCalls: ToolCall[];
	/** Why the last answer failed; `null` unless `status` is `error`. */
	readonly error: StreamError | null;
	/** Timing of the current or last answer. */
	readonly metrics: StreamMetrics;
	/**
	 * Starts a request, aborting one that is running first. `overrides` replace the creation
	 * options for this request (and for `retry()`). Resolves with everything that arrived.
	 */
	start(overrides?: Partial<TokenStreamOptions>): Promise<LLMResult>;
	/** Aborts the request (the server sees the disconnect); keeps the text, status `aborted`. */
	stop(): void;
	/** Starts the last request again (the same overrides), e.g. after an error. */
	retry(): Promise<LLMResult>;
	/** Aborts any request, clears the answer and goes back to `idle`. */
	reset(): void;
}

const EMPTY_METRICS: StreamMetrics = {
	ttftMs: null,
	durationMs: null,
	tokensPerSecond: null,
	reconnects: 0,
	tokens: 0
};

/** One request's bookkeeping; a new `start()` makes a new one, so stale callbacks can tell. */
interface Run {
	readonly controller: AbortController;
	readonly options: TokenStreamOptions;
	readonly startedAt: number;
	readonly reveal: SmoothReveal | null;
	latest: LLMSnapshot | null;
	/** The last response the server accepted, for `onStop`. */
	response: Response | null;
	/** An update arrived since the last (re)connect: the answer is flowing. */
	flowing: boolean;
	tokens: number;
	firstTokenAt: number | null;
	lastTokenAt: number | null;
	reconnects: number;
}

const defaultNow = () => performance.now();

const hasContent = (s: LLMSnapshot) =>
	s.text !== '' || s.reasoning !== '' || s.toolCalls.length > 0;

// Snapshots copy tool calls each event; comparing fields keeps an unchanged list from waking
// every effect that reads `toolCalls` once per frame.
function sameToolCalls(a: ToolCall[], b: ToolCall[]): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) {
		const x = a[i];
		const y = b[i];
		if (
			x.id !== y.id ||
			x.name !== y.name ||
			x.argsText !== y.argsText ||
			x.complete !== y.complete ||
			x.args !== y.args
		) {
			return false;
		}
	}
	return true;
}

function validateOptions(options: unknown, where: string): asserts options is TokenStreamOptions {
	if (typeof options === 'string' || options instanceof URL) {
		throw new TypeError(
			`${where} takes an options object. Did you mean ${where}({ url: ${JSON.stringify(String(options))} })?`
		);
	}
	if (typeof options !== 'object' || options === null) {
		throw new TypeError(`${where} takes an options object such as { url: '/api/chat' }.`);
	}
	const { url, smooth, schedule, protocol, transport } = options as Partial<TokenStreamOptions>;
	if (typeof url !== 'function') validateURL(url, where);
	if (transport !== undefined && typeof transport !== 'function') {
		throw new TypeError(
			`${where}: \`transport\` must be a function (options) => Promise<LLMResult>, such as streamLLM or websocketTransport().`
		);
	}
	if (schedule !== undefined && typeof schedule !== 'function') {
		throw new TypeError(`${where}: \`schedule\` must be a function (run) => cancel.`);
	}
	if (smooth !== undefined && typeof smooth !== 'boolean' && typeof smooth !== 'object') {
		throw new TypeError(`${where}: \`smooth\` must be a boolean or { maxLagMs }.`);
	}
	// Fail where the protocol is named, not later inside a request.
	if (protocol !== undefined && typeof protocol !== 'function') resolveProtocol(protocol);
}

function validateURL(url: unknown, where: string): void {
	if (url !== undefined && typeof url !== 'string' && !(url instanceof URL)) {
		throw new TypeError(`${where}: \`url\` must be a string or a URL, got ${typeof url}.`);
	}
}

class TokenStreamImpl implements TokenStream {
	#options: TokenStreamOptions;
	#overrides: Partial<TokenStreamOptions> = {};
	#now: () => number;
	#status = $state.raw<StreamStatus>('idle');
	#text = $state.raw('');
	#reasoning = $state.raw('');
	#toolCalls = $state.raw<ToolCall[]>([]);
	#error = $state.raw<StreamError | null>(null);
	#metrics = $state.raw<StreamMetrics>(EMPTY_METRICS);
	#run: Run | null = null;
	#listeners = new Set<(value: TokenStreamState) => void>();
	#batcher: FrameBatcher;

	constructor(options: TokenStreamOptions) {
		validateOptions(options, 'createTokenStream');
		this.#options = options;
		this.#now = options.now ?? defaultNow;
		this.#batcher = createFrameBatcher(() => this.#onFrame(), options.schedule);
	}

	get status() {
		return this.#status;
	}
	get text() {
		return this.#text;
	}
	get reasoning() {
		return this.#reasoning;
	}
	get toolCalls() {
		return this.#toolCalls;
	}
	get error() {
		return this.#error;
	}
	get metrics() {
		return this.#metrics;
	}

	#state(): TokenStreamState {
		return {
			status: this.#status,
			text: this.#text,
			reasoning: this.#reasoning,
			toolCalls: this.#toolCalls,
			error: this.#error,
			metrics: this.#metrics
		};
	}

	#notify() {
		if (this.#listeners.size === 0) return;
		const value = this.#state();
		for (const listener of this.#listeners) listener(value);
	}

	/** Sets the status and reports it; returns the callback to run once the state is consistent. */
	#setStatus(status: StreamStatus, options: TokenStreamOptions): (() => void) | null {
		const previous = this.#status;
		if (previous === status) return null;
		this.#status = status;
		const callback = options.onStatusChange;
		return callback ? () => callback(status, previous) : null;
	}

	#metricsOf(run: Run, endedAt: number | null): StreamMetrics {
		const { firstTokenAt, lastTokenAt, tokens } = run;
		const span = firstTokenAt !== null && lastTokenAt !== null ? lastTokenAt - firstTokenAt : 0;
		return {
			ttftMs: firstTokenAt === null ? null : firstTokenAt - run.startedAt,
			durationMs: endedAt === null ? null : endedAt - run.startedAt,
			tokensPerSecond: tokens > 1 && span > 0 ? ((tokens - 1) * 1000) / span : null,
			reconnects: run.reconnects,
			tokens
		};
	}

	/**
	 * Copies the latest snapshot into the reactive fields: the one place the answer is written, so
	 * readers see text, tool calls, status and metrics change together, once per frame.
	 */
	#apply(run: Run, final: boolean): Array<() => void> {
		const callbacks: Array<() => void> = [];
		const snapshot = run.latest;
		if (snapshot) {
			let text = snapshot.text;
			if (run.reveal) {
				const shown = final ? run.reveal.flush() : run.reveal.reveal(this.#now());
				if (shown < text.length) text = text.slice(0, safeCutIndex(text, shown));
				if (!final && run.reveal.backlog > 0) this.#batcher.request();
			}
			if (text !== this.#text) this.#text = text;
			if (snapshot.reasoning !== this.#reasoning) this.#reasoning = snapshot.reasoning;
			if (!sameToolCalls(this.#toolCalls, snapshot.toolCalls)) {
				this.#toolCalls = snapshot.toolCalls;
			}
			if (
				!final &&
				run.flowing &&
				(this.#status === 'connecting' || this.#status === 'reconnecting') &&
				hasContent(snapshot)
			) {
				const callback = this.#setStatus('streaming', run.options);
				if (callback) callbacks.push(callback);
			}
		}
		this.#metrics = this.#metricsOf(run, final ? this.#now() : null);
		return callbacks;
	}

	#onFrame() {
		const run = this.#run;
		if (!run) return;
		const callbacks = this.#apply(run, false);
		this.#notify();
		for (const callback of callbacks) callback();
	}

	/** Ends `run` with `status`; the caller has already detached it from `#run`. */
	#finish(run: Run, status: 'done' | 'error' | 'aborted', error: StreamError | null) {
		this.#batcher.dispose();
		const callbacks = this.#apply(run, true);
		this.#error = error;
		const statusCallback = this.#setStatus(status, run.options);
		this.#notify();
		for (const callback of callbacks) callback();
		statusCallback?.();
	}

	subscribe = (run: (value: TokenStreamState) => void): (() => void) => {
		if (typeof run !== 'function') {
			throw new TypeError('subscribe takes a function, called with the stream state.');
		}
		// A wrapper per subscription, so subscribing the same function twice needs two unsubscribes.
		const listener = (value: TokenStreamState) => run(value);
		this.#listeners.add(listener);
		run(this.#state());
		return () => void this.#listeners.delete(listener);
	};

	start = async (overrides: Partial<TokenStreamOptions> = {}): Promise<LLMResult> => {
		// `onclick={stream.start}` passes the click event: it is not a set of overrides.
		if (typeof Event === 'function' && overrides instanceof Event) overrides = {};
		validateOptions(overrides, 'start');
		const merged: TokenStreamOptions = { ...this.#options, ...overrides };
		// Getters are read once per request, here.
		const options = {
			...merged,
			url: read(merged.url),
			headers: read(merged.headers),
			body: read(merged.body),
			protocol: read(merged.protocol)
		};
		validateURL(options.url, 'start');
		if (options.protocol !== undefined) resolveProtocol(options.protocol);
		if (options.url === undefined) {
			throw new TypeError(
				'start: no `url`; pass it to createTokenStream({ url }) or start({ url }).'
			);
		}
		const smooth = options.smooth === true ? {} : options.smooth || null;
		const reveal = smooth ? createSmoothReveal(smooth) : null;
		const previous = this.#run;
		const run: Run = {
			controller: new AbortController(),
			options,
			startedAt: this.#now(),
			reveal,
			latest: null,
			response: null,
			flowing: false,
			tokens: 0,
			firstTokenAt: null,
			lastTokenAt: null,
			reconnects: 0
		};
		const protocol = tapProtocol(options.protocol ?? 'text', (token, kind) => {
			if (this.#run !== run) return;
			const at = this.#now();
			run.tokens++;
			run.firstTokenAt ??= at;
			run.lastTokenAt = at;
			run.options.onToken?.(token, kind);
		});

		// Detach the old run before aborting it, so nothing it reports afterwards reaches this one.
		this.#run = run;
		this.#overrides = overrides;
		previous?.controller.abort();
		this.#batcher.dispose();
		this.#text = '';
		this.#reasoning = '';
		this.#toolCalls = [];
		this.#error = null;
		this.#metrics = EMPTY_METRICS;
		const connecting = this.#setStatus('connecting', options);
		this.#notify();
		connecting?.();

		// Built as a variable, not a literal: `onReconnect` is part of the transport contract even
		// where the installed `StreamLLMOptions` does not declare it yet.
		const request: StreamLLMOptions & { onReconnect?: (info: ReconnectNotice) => void } = {
			...options,
			protocol,
			signal: run.controller.signal,
			onResponse: (response) => {
				if (this.#run === run) run.response = response;
				options.onResponse?.(response);
			},
			onUpdate: (snapshot) => {
				if (this.#run !== run) return;
				run.latest = snapshot;
				run.flowing = true;
				run.reveal?.arrive(snapshot.text.length, this.#now());
				this.#batcher.request();
			},
			onReconnect: (info) => {
				if (this.#run !== run) return;
				run.reconnects++;
				// Show everything that arrived before the drop while the reconnect waits.
				this.#batcher.dispose();
				const callbacks = this.#apply(run, false);
				run.flowing = false;
				callbacks.push(this.#setStatus('reconnecting', options) ?? (() => {}));
				this.#notify();
				for (const callback of callbacks) callback();
				options.onReconnect?.(info);
			}
		};
		let result: LLMResult;
		try {
			result = await (options.transport ?? streamLLM)(request);
		} catch (cause) {
			// streamLLM resolves for stream problems; a throw is a bug or bad input. Surface it as the
			// stream's error so the UI does not stay `connecting`, and rethrow for the caller.
			if (this.#run === run) {
				this.#run = null;
				const error = new StreamError('protocol', `The stream could not start: ${String(cause)}`, {
					cause
				});
				this.#finish(run, 'error', error);
			}
			throw cause;
		}
		if (this.#run !== run) return result; // stopped, reset or superseded meanwhile
		this.#run = null;
		run.latest = result;
		const error = result.error ?? null;
		if (error === null) {
			this.#finish(run, 'done', null);
			options.onFinish?.(result);
		} else if (error.code === 'aborted') {
			// stop() and reset() detach the run before aborting, so this abort came from elsewhere
			// (e.g. the transport gave up); it is still the user-visible "stopped" state.
			this.#finish(run, 'aborted', null);
		} else {
			this.#finish(run, 'error', error);
			options.onError?.(error);
		}
		return result;
	};

	stop = (): void => {
		const run = this.#run;
		if (!run) return;
		this.#run = null;
		run.controller.abort();
		this.#finish(run, 'aborted', null);
		run.options.onStop?.({ response: run.response, text: this.#text });
	};

	retry = (): Promise<LLMResult> => this.start(this.#overrides);

	reset = (): void => {
		const run = this.#run;
		this.#run = null;
		run?.controller.abort();
		this.#batcher.dispose();
		this.#text = '';
		this.#reasoning = '';
		this.#toolCalls = [];
		this.#error = null;
		this.#metrics = EMPTY_METRICS;
		const idle = this.#setStatus('idle', run?.options ?? this.#options);
		this.#notify();
		idle?.();
	};
}

/**
 * Creates a stream of one answer at a time, thin over {@link streamLLM}. Reactive reads
 * (`stream.text`) and store subscribers (`$stream`) update at most once per animation frame,
 * however fast tokens arrive. Creating one does nothing on the network (safe during SSR);
 * `start()` sends the request. Created while a component initialises (in its `<script>`), it is
 * stopped when that component is destroyed, as if `stop()` were called; created anywhere else (a
 * module, a handler), it runs until `stop()` or the end of the answer.
 *
 * @example
 * ```svelte
 * <script lang="ts">
 *   import { createTokenStream } from 'svelte-llm-stream';
 *   const stream = createTokenStream({ url: '/api/chat', smooth: true });
 *   const ask = () => stream.start({ body: { messages: [{ role: 'user', content: 'Hi' }] } });
 * </script>
 *
 * <button onclick={ask}>Ask</button>
 * <button onclick={stream.stop} disabled={stream.status !== 'streaming'}>Stop</button>
 * <p aria-busy={stream.status === 'streaming'}>{stream.text}</p>
 * {#if stream.error}<button onclick={stream.retry}>Retry</button>{/if}
 * ```
 */
export function createTokenStream(options: TokenStreamOptions): TokenStream {
	const stream = new TokenStreamImpl(options);
	onOwnerDestroy(stream.stop);
	return stream;
}
