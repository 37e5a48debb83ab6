import type { StreamError } from '../core/errors.js';
import type { LLMResult, ToolCall } from '../core/types.js';
import {
	createTokenStream,
	type StreamStatus,
	type TokenStream,
	type TokenStreamOptions,
	type TokenStreamState
} from './token-stream.svelte.js';

/**
 * Who wrote a {@link Message}.
 *
 * @example
 * ```ts
 * const mine = chat.messages.filter((m) => m.role === ('user' satisfies MessageRole));
 * ```
 */
export type MessageRole = 'system' | 'user' | 'assistant';

/**
 * One piece of a message, in display order: reasoning, then text, then tool calls.
 *
 * @example
 * ```svelte
 * {#each message.parts as part}
 *   {#if part.type === 'tool-call'}<code>{part.toolCall.name}</code>{:else}<p>{part.text}</p>{/if}
 * {/each}
 * ```
 */
export type MessagePart =
	| { type: 'reasoning'; text: string }
	| { type: 'text'; text: string }
	| { type: 'tool-call'; toolCall: ToolCall };

/**
 * A chat message. The one being streamed is updated in place (at most once per frame), so
 * `{#each chat.messages as message (message.id)}` re-renders only that message.
 *
 * @example
 * ```svelte
 * {#each chat.messages as message (message.id)}<p data-role={message.role}>{message.content}</p>{/each}
 * ```
 */
export interface Message {
	/** Stable id, for keyed `{#each}`. */
	readonly id: string;
	readonly role: MessageRole;
	/** The message text (for the streaming answer: what has arrived so far). */
	readonly content: string;
	/** Reasoning ("thinking") text of an assistant message; `''` when there is none. */
	readonly reasoning: string;
	/** Tool calls of an assistant message, in the order they started. */
	readonly toolCalls: ToolCall[];
	/** `reasoning`, `content` and `toolCalls` as parts, for renderers that walk one list. */
	readonly parts: MessagePart[];
}

/**
 * A message as you pass it to `setMessages` or `initialMessages`.
 *
 * @example
 * ```ts
 * chat.setMessages([{ role: 'system', content: 'Answer in French.' }]);
 * ```
 */
export interface MessageInit {
	/** @default a generated id */
	id?: string;
	role: MessageRole;
	content: string;
	/** @default '' */
	reasoning?: string;
	/** @default [] */
	toolCalls?: ToolCall[];
}

/**
 * A message as the default request body sends it.
 *
 * @example
 * ```ts
 * createChat({ url, prepareBody: (messages: RequestMessage[]) => ({ model: 'm', messages }) });
 * ```
 */
export interface RequestMessage {
	role: MessageRole;
	content: string;
}

/**
 * Options of {@link createChat}: the {@link TokenStreamOptions} (without `body`) plus these.
 *
 * @example
 * ```ts
 * const chat = createChat({
 *   url: '/api/chat',
 *   initialMessages: [{ role: 'system', content: 'Be brief.' }],
 *   onFinish: (message) => save(message.content)
 * });
 * ```
 */
export interface ChatOptions extends Omit<TokenStreamOptions, 'body' | 'onFinish'> {
	/** The conversation to start from. @default [] */
	initialMessages?: MessageInit[];
	/**
	 * Builds the request body from the conversation so far (ending with the user's message).
	 * Messages with neither text nor tool calls (an answer that failed at once) are left out.
	 * @default (messages) => ({ messages }), with messages as `{ role, content }`
	 */
	prepareBody?: (messages: RequestMessage[], chat: { messages: Message[] }) => object;
	/**
	 * Creates message ids.
	 * @default a random prefix per chat plus a counter
	 */
	generateId?: () => string;
	/** Called when an answer completes normally, with the finished message. */
	onFinish?: (message: Message, result: LLMResult) => void;
}

/**
 * A conversation with a streaming assistant, readable as runes (`chat.messages`). Methods are
 * arrow properties, so `onclick={chat.stop}` works.
 *
 * @example
 * ```svelte
 * <input bind:value={chat.input} /> <button onclick={chat.send}>Send</button>
 * {#if chat.error}<button onclick={chat.regenerate}>Try again</button>{/if}
 * ```
 */
export interface Chat {
	/** The conversation, oldest first. Replaced when a message is added, never per token. */
	readonly messages: Message[];
	/** The text field's value; `bind:value={chat.input}`, and `send()` without text sends it. */
	input: string;
	/** The status of the latest answer (same union as {@link TokenStream.status}). */
	readonly status: StreamStatus;
	/** Why the latest answer failed; its partial message stays in `messages`. */
	readonly error: StreamError | null;
	/** The stream behind the latest answer, for components that take a `TokenStream`. */
	readonly stream: TokenStream;
	/**
	 * Adds a user message (`text`, or else `input`, which is then cleared) and streams the answer.
	 * Resolves with the answer, or `undefined` when the text was blank and nothing was sent.
	 * A running answer is stopped first and keeps its partial text.
	 */
	send(text?: string): Promise<LLMResult | undefined>;
	/** Stops the answer; the partial message stays, status `aborted`. */
	stop(): void;
	/** Drops everything after the last user message and asks for a new answer to it. */
	regenerate(): Promise<LLMResult>;
	/** Replaces the conversation (a running answer is stopped first). */
	setMessages(messages: MessageInit[] | ((current: Message[]) => MessageInit[])): void;
}

const EMPTY_TOOL_CALLS: ToolCall[] = [];

class MessageImpl implements Message {
	readonly id: string;
	readonly role: MessageRole;
	#content = $state.raw('');
	#reasoning = $state.raw('');
	#toolCalls = $state.raw<ToolCall[]>(EMPTY_TOOL_CALLS);
	#parts = $derived.by(() => {
		const parts: MessagePart[] = [];
		if (this.#reasoning) parts.push({ type: 'reasoning', text: this.#reasoning });
		if (this.#content) parts.push({ type: 'text', text: this.#content });
		for (const toolCall of this.#toolCalls) parts.push({ type: 'tool-call', toolCall });
		return parts;
	});

	declare readonly content: string;
	declare readonly reasoning: string;
	declare readonly toolCalls: ToolCall[];
	declare readonly parts: MessagePart[];

	constructor(id: string, init: MessageInit) {
		this.id = id;
		this.role = init.role;
		this.#content = init.content;
		this.#reasoning = init.reasoning ?? '';
		this.#toolCalls = init.toolCalls ?? EMPTY_TOOL_CALLS;
		// Own enumerable getters rather than prototype ones: `{ ...message }`, `structuredClone` and
		// `JSON.stringify` then see the content, as with a plain object, and reads stay reactive.
		Object.defineProperties(this, {
			content: { enumerable: true, get: () => this.#content },
			reasoning: { enumerable: true, get: () => this.#reasoning },
			toolCalls: { enumerable: true, get: () => this.#toolCalls },
			parts: { enumerable: true, get: () => this.#parts }
		});
	}

	/** Mirrors the stream's state; only changed fields are written, so readers wake only for those. */
	sync(state: TokenStreamState) {
		if (this.#content !== state.text) this.#content = state.text;
		if (this.#reasoning !== state.reasoning) this.#reasoning = state.reasoning;
		if (this.#toolCalls !== state.toolCalls) this.#toolCalls = state.toolCalls;
	}
}

const ROLES = new Set<MessageRole>(['system', 'user', 'assistant']);

function validateInit(init: MessageInit, index: number): void {
	if (typeof init !== 'object' || init === null || !ROLES.has(init.role)) {
		throw new TypeError(
			`messages[${index}] must be { role: 'system' | 'user' | 'assistant', content: string }.`
		);
	}
	if (typeof init.content !== 'string') {
		throw new TypeError(`messages[${index}].content must be a string.`);
	}
}

const defaultPrepareBody = (messages: RequestMessage[]) => ({ messages });

function idGenerator(): () => string {
	// Per chat, not per module: ids only need to be unique within one conversation, and a module
	// counter would be state shared by every request on an SSR server.
	const prefix = Math.random().toString(36).slice(2, 10);
	let next = 0;
	return () => `${prefix}-${(next++).toString(36)}`;
}

class ChatImpl implements Chat {
	#options: ChatOptions;
	#stream: TokenStream;
	#messages = $state.raw<MessageImpl[]>([]);
	#answering: MessageImpl | null = null;
	#generateId: () => string;
	input = $state('');

	constructor(options: ChatOptions) {
		if (typeof options !== 'object' || options === null) {
			throw new TypeError(
				"createChat takes an options object, e.g. createChat({ url: '/api/chat' })."
			);
		}
		if (options.prepareBody !== undefined && typeof options.prepareBody !== 'function') {
			throw new TypeError('createChat: `prepareBody` must be a function (messages) => body.');
		}
		this.#options = options;
		this.#generateId = options.generateId ?? idGenerator();
		const {
			initialMessages,
			prepareBody: _p,
			generateId: _g,
			onFinish: _f,
			...streamOptions
		} = options;
		this.#stream = createTokenStream(streamOptions);
		this.#messages = this.#create(initialMessages ?? []);
		// The stream notifies once per frame (and once at the end); mirroring it there keeps the
		// answer's message in step with `status` without a second scheduler.
		this.#stream.subscribe((state) => this.#answering?.sync(state));
	}

	get messages(): Message[] {
		return this.#messages;
	}
	get status() {
		return this.#stream.status;
	}
	get error() {
		return this.#stream.error;
	}
	get stream() {
		return this.#stream;
	}

	#create(inits: MessageInit[]): MessageImpl[] {
		if (!Array.isArray(inits)) throw new TypeError('messages must be an array of messages.');
		inits.forEach(validateInit);
		return inits.map((init) => new MessageImpl(init.id ?? this.#generateId(), init));
	}

	/** Streams an answer to the conversation as it stands (which ends with a user message). */
	async #answer(): Promise<LLMResult> {
		const history = this.#messages;
		const wire: RequestMessage[] = [];
		for (const message of history) {
			if (message.content === '' && message.toolCalls.length === 0) continue;
			wire.push({ role: message.role, content: message.content });
		}
		const prepareBody = this.#options.prepareBody ?? defaultPrepareBody;
		const body = prepareBody(wire, { messages: history });
		const answer = new MessageImpl(this.#generateId(), { role: 'assistant', content: '' });
		this.#messages = [...history, answer];
		this.#answering = answer;
		const result = await this.#stream.start({ body });
		if (this.#answering === answer) {
			this.#answering = null;
			if (!result.error) this.#options.onFinish?.(answer, result);
		}
		return result;
	}

	/** Ends a running answer so its message keeps what it has before anything else changes. */
	#settle() {
		this.#stream.stop();
		this.#answering = null;
	}

	send = async (text?: string): Promise<LLMResult | undefined> => {
		// `onclick={chat.send}` passes the click event: send the input then.
		if (typeof Event === 'function' && (text as unknown) instanceof Event) text = undefined;
		if (text !== undefined && typeof text !== 'string') {
			throw new TypeError(`send takes the message text as a string, got ${typeof text}.`);
		}
		const fromInput = text === undefined;
		const content = (text ?? this.input).trim();
		if (content === '') return undefined;
		if (fromInput) this.input = '';
		this.#settle();
		const user = new MessageImpl(this.#generateId(), { role: 'user', content });
		this.#messages = [...this.#messages, user];
		return this.#answer();
	};

	stop = (): void => {
		this.#settle();
	};

	regenerate = async (): Promise<LLMResult> => {
		this.#settle();
		const messages = this.#messages;
		let last = messages.length - 1;
		while (last >= 0 && messages[last].role !== 'user') last--;
		if (last < 0) throw new Error('regenerate: there is no user message to answer yet.');
		this.#messages = messages.slice(0, last + 1);
		return this.#answer();
	};

	setMessages = (next: MessageInit[] | ((current: Message[]) => MessageInit[])): void => {
		this.#settle();
		const inits = typeof next === 'function' ? next(this.#messages) : next;
		// Messages passed back unchanged keep their identity, so keyed lists do not re-render them.
		const kept = new Set(this.#messages);
		const created: MessageImpl[] = [];
		inits.forEach((init, index) => {
			if (init instanceof MessageImpl && kept.has(init)) created.push(init);
			else {
				validateInit(init, index);
				created.push(new MessageImpl(init.id ?? this.#generateId(), init));
			}
		});
		this.#messages = created;
	};
}

/**
 * Creates a chat: a message list whose last assistant message streams in place, over one
 * {@link TokenStream}. The whole conversation goes in each request body (shape set by
 * `prepareBody`); any built-in protocol works. Nothing is fetched until `send()`. Created in a
 * component's `<script>`, a running answer is stopped when that component is destroyed.
 *
 * @example
 * ```svelte
 * <script lang="ts">
 *   import { createChat } from 'svelte-llm-stream';
 *   const chat = createChat({ url: '/api/chat' });
 * </script>
 *
 * {#each chat.messages as message (message.id)}
 *   <p data-role={message.role}>{message.content}</p>
 * {/each}
 * {#if chat.error}<p role="alert">{chat.error.message} <button onclick={chat.regenerate}>Retry</button></p>{/if}
 * <form onsubmit={(e) => (e.preventDefault(), chat.send())}>
 *   <input bind:value={chat.input} />
 *   {#if chat.status === 'streaming'}<button type="button" onclick={chat.stop}>Stop</button>{/if}
 * </form>
 * ```
 */
export function createChat(options: ChatOptions): Chat {
	return new ChatImpl(options);
}
