import type { Readable } from 'svelte/store';
import type { StreamError } from '../core/errors.js';
import { createFrameBatcher, type Schedule } from '../core/schedule/frame-batcher.js';
import { streamLLM, type StreamLLMOptions } from '../core/transport/stream-llm.js';
import type { LLMResult, LLMSnapshot, ToolCall } from '../core/types.js';

/** Where a {@link TokenStream} is in its life. */
export type StreamStatus =
	'idle' | 'connecting' | 'streaming' | 'reconnecting' | 'done' | 'error' | 'aborted';

/** Options of {@link createTokenStream}. */
export interface TokenStreamOptions extends Omit<StreamLLMOptions, 'signal' | 'onUpdate'> {
	/** Drives reactive updates; tests pass a manual one. @default requestAnimationFrame */
	schedule?: Schedule;
	/** Called when the answer completes normally. */
	onFinish?: (result: LLMResult) => void;
	/** Called when the answer stops with an error (not for `stop()`). */
	onError?: (error: StreamError) => void;
	/** Called on every status change. */
	onStatusChange?: (status: StreamStatus) => void;
}

/** What `$stream` holds: the stream's state as one plain object. */
export interface TokenStreamState {
	status: StreamStatus;
	text: string;
	reasoning: string;
	toolCalls: ToolCall[];
	error: StreamError | null;
}

/** A streamed answer, readable as runes (`stream.text`) and as a store (`$stream.text`). */
export interface TokenStream extends Readable<TokenStreamState> {
	readonly status: StreamStatus;
	readonly text: string;
	readonly reasoning: string;
	readonly toolCalls: ToolCall[];
	readonly error: StreamError | null;
	/** Starts (or restarts) the request; resolves with everything that arrived. */
	start(overrides?: Partial<TokenStreamOptions>): Promise<LLMResult>;
	/** Aborts the request and keeps the partial answer, with status `aborted`. */
	stop(): void;
	/** Clears the answer and goes back to `idle`. */
	reset(): void;
}

class TokenStreamImpl implements TokenStream {
	#options: TokenStreamOptions;
	#status = $state.raw<StreamStatus>('idle');
	#text = $state.raw('');
	#reasoning = $state.raw('');
	#toolCalls = $state.raw<ToolCall[]>([]);
	#error = $state.raw<StreamError | null>(null);
	#pending: LLMSnapshot | null = null;
	#controller: AbortController | null = null;
	#listeners = new Set<(value: TokenStreamState) => void>();
	#batcher;

	constructor(options: TokenStreamOptions) {
		this.#options = options;
		this.#batcher = createFrameBatcher(() => this.#commit(), options.schedule);
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

	#state = (): TokenStreamState => ({
		status: this.#status,
		text: this.#text,
		reasoning: this.#reasoning,
		toolCalls: this.#toolCalls,
		error: this.#error
	});

	#notify() {
		const value = this.#state();
		for (const listener of this.#listeners) listener(value);
	}

	#setStatus(status: StreamStatus) {
		if (this.#status === status) return;
		this.#status = status;
		this.#options.onStatusChange?.(status);
	}

	#commit() {
		const snapshot = this.#pending;
		this.#pending = null;
		if (snapshot) {
			this.#text = snapshot.text;
			this.#reasoning = snapshot.reasoning;
			this.#toolCalls = snapshot.toolCalls;
			if (this.#status === 'connecting' && (snapshot.text || snapshot.reasoning)) {
				this.#setStatus('streaming');
			}
		}
		this.#notify();
	}

	subscribe = (run: (value: TokenStreamState) => void) => {
		this.#listeners.add(run);
		run(this.#state());
		return () => void this.#listeners.delete(run);
	};

	start = async (overrides: Partial<TokenStreamOptions> = {}): Promise<LLMResult> => {
		this.#controller?.abort();
		const controller = new AbortController();
		this.#controller = controller;
		const options = { ...this.#options, ...overrides };
		this.#batcher.dispose();
		this.#pending = null;
		this.#text = '';
		this.#reasoning = '';
		this.#toolCalls = [];
		this.#error = null;
		this.#setStatus('connecting');
		this.#notify();

		const result = await streamLLM({
			...options,
			signal: controller.signal,
			onUpdate: (snapshot) => {
				if (this.#controller !== controller) return;
				this.#pending = snapshot;
				this.#batcher.request();
			}
		});
		if (this.#controller !== controller) return result;
		this.#controller = null;
		this.#pending = result;
		this.#batcher.dispose();
		this.#commit();
		if (result.error) {
			this.#error = result.error.code === 'aborted' ? null : result.error;
			this.#setStatus(result.error.code === 'aborted' ? 'aborted' : 'error');
			if (result.error.code !== 'aborted') options.onError?.(result.error);
		} else {
			this.#setStatus('done');
			options.onFinish?.(result);
		}
		this.#notify();
		return result;
	};

	stop = () => {
		this.#controller?.abort();
	};

	reset = () => {
		this.#controller?.abort();
		this.#controller = null;
		this.#batcher.dispose();
		this.#pending = null;
		this.#text = '';
		this.#reasoning = '';
		this.#toolCalls = [];
		this.#error = null;
		this.#setStatus('idle');
		this.#notify();
	};
}

/**
 * Creates a stream of one answer. Reactive reads (`stream.text`) and the store contract
 * (`$stream`) update at most once per animation frame, however fast tokens arrive.
 *
 * @example
 * ```svelte
 * <script lang="ts">
 *   import { createTokenStream } from 'svelte-llm-stream';
 *   const stream = createTokenStream({ url: '/api/chat', body: { messages } });
 * </script>
 * <button onclick={() => stream.start()}>Ask</button>
 * <p>{stream.text}</p>
 * ```
 */
export function createTokenStream(options: TokenStreamOptions): TokenStream {
	return new TokenStreamImpl(options);
}
