import type { Snippet } from 'svelte';
import type { HTMLAttributes } from 'svelte/elements';
import type { StreamStatus } from '../shared/status.js';
import type { StreamErrorLike } from '../stream-error/describe.js';
import type { ToolCallLike } from '../tool-call-view/types.js';

/**
 * Who wrote a message; it picks how `ChatMessage` renders the text and names the message.
 *
 * @example
 * ```ts
 * const roleLabels: Partial<Record<ChatRole, string>> = { user: 'Me', assistant: 'Helper' };
 * ```
 */
export type ChatRole = 'user' | 'assistant' | 'system';

/**
 * A tool call as a message carries it; `ToolCall` from the core fits.
 *
 * @example
 * ```ts
 * const call: ChatToolCall = { id: 'c1', name: 'search', argsText: '{"q":"runes"}', complete: true };
 * ```
 */
export interface ChatToolCall extends ToolCallLike {
	readonly id: string;
}

/**
 * The parts of a chat message the components read; `createChat`'s `Message` fits, and so does a
 * message from your own store or database.
 *
 * @example
 * ```ts
 * const message: ChatMessageLike = { id: row.id, role: 'assistant', text: row.body };
 * ```
 */
export interface ChatMessageLike {
	readonly id?: string;
	readonly role: ChatRole;
	/** The text (`createChat` messages). */
	readonly content?: string;
	/** The text, for sources that call it `text`; `content` wins when both exist. */
	readonly text?: string;
	readonly reasoning?: string;
	readonly toolCalls?: readonly ChatToolCall[];
	/** Where this message's answer is, for sources that track it per message. */
	readonly status?: StreamStatus;
}

/**
 * What {@link ChatMessageProps.stream} must provide; a `TokenStream` fits.
 *
 * @example
 * ```ts
 * const stream: ChatMessageSource = createTokenStream({ url: '/api/chat' });
 * const answer: ChatMessageSource = { status: 'done', text: 'Hi!', error: null }; // e.g. a fixture
 * ```
 */
export interface ChatMessageSource {
	readonly status: StreamStatus;
	readonly text: string;
	readonly reasoning?: string;
	readonly toolCalls?: readonly ChatToolCall[];
	readonly error: StreamErrorLike | null;
	retry?: () => unknown;
}

/**
 * What the `content` snippet of `ChatMessage` (and `ChatThread`) receives, to render the text your
 * own way.
 *
 * @example
 * ```svelte
 * <ChatMessage {message}>
 *   {#snippet content({ text, streaming }: ChatMessageContentProps)}
 *     <StreamingMarkdown source={text} {streaming} codeTheme={false} />
 *   {/snippet}
 * </ChatMessage>
 * ```
 */
export interface ChatMessageContentProps {
	/** The message text so far. */
	text: string;
	/** Whether more text is coming (status `streaming`). */
	streaming: boolean;
	/** The stream's status. */
	status: StreamStatus;
}

/**
 * Props of {@link ChatMessage}: the message or stream it shows (or its parts one by one), the
 * error actions, and how its text and role are rendered.
 *
 * @example
 * ```svelte
 * {#each history as message (message.id)}<ChatMessage {message} />{/each}
 * <ChatMessage {stream} typingPauseMs={2000} onContinue={resume} />
 * ```
 */
export interface ChatMessageProps extends Omit<
	HTMLAttributes<HTMLElement>,
	'children' | 'content'
> {
	/** The message to show. Explicit props win over it. @default undefined */
	message?: ChatMessageLike;
	/** A stream whose answer this message shows (text, tool calls, status, error). Explicit props and `message` win over it. @default undefined */
	stream?: ChatMessageSource;
	/** Who wrote it. @default message?.role ?? "assistant" */
	role?: ChatRole;
	/** The text. @default message?.content ?? message?.text ?? stream?.text ?? "" */
	text?: string;
	/** Reasoning text, shown collapsed above the answer. @default message?.reasoning ?? stream?.reasoning ?? "" */
	reasoning?: string;
	/** Tool calls, shown below the text. @default message?.toolCalls ?? stream?.toolCalls ?? [] */
	toolCalls?: readonly ChatToolCall[];
	/** Where the answer is; a message with no source of status is a finished one. @default message?.status ?? stream?.status ?? "done" */
	status?: StreamStatus;
	/** Why the answer stopped; shown below the partial answer. @default stream?.error ?? null */
	error?: StreamErrorLike | null;
	/** Retry for the error state. @default stream?.retry */
	onRetry?: (error: StreamErrorLike) => void;
	/** Continue for a broken connection. @default undefined */
	onContinue?: (error: StreamErrorLike) => void;
	/** Shows the typing indicator again after this long without new text (0 = never). @default 0 */
	typingPauseMs?: number;
	/**
	 * Whether the typing indicator and error are live regions of their own. `ChatThread` turns this
	 * off and announces through its one live region.
	 * @default true
	 */
	live?: boolean;
	/** Accessible names of the message per role. @default { user: "You", assistant: "Assistant", system: "System" } */
	roleLabels?: Partial<Record<ChatRole, string>>;
	/** Summary text of the reasoning disclosure. @default "Reasoning" */
	reasoningLabel?: string;
	/**
	 * Renders the text instead of the default: `StreamingMarkdown` (with its caret) for assistant
	 * messages, plain text for user and system messages.
	 * @default undefined
	 */
	content?: Snippet<[ChatMessageContentProps]>;
	/** Shown at the end of the message, for example copy or feedback buttons. @default undefined */
	children?: Snippet;
	/** The root `<article>`, once mounted. @default null */
	ref?: HTMLElement | null;
}
