import type { Snippet } from 'svelte';
import type { HTMLAttributes } from 'svelte/elements';
import type { ChatMessageContentProps, ChatMessageLike } from '../chat-message/types.js';
import type { StreamStatus } from '../shared/status.js';
import type { StreamAnnouncements } from '../stream-announcer/types.js';
import type { StreamErrorLike } from '../stream-error/describe.js';

/**
 * What {@link ChatThreadProps.chat} must provide; `createChat()` fits.
 *
 * @example
 * ```ts
 * const chat: ChatThreadSource = createChat({ url: '/api/chat' });
 * const saved: ChatThreadSource = { messages, status: 'done', error: null }; // a saved chat
 * ```
 */
export interface ChatThreadSource {
	readonly messages: readonly ChatMessageLike[];
	readonly status: StreamStatus;
	readonly error: StreamErrorLike | null;
	/** The composer's text; bound when present. */
	input?: string;
	send?: (text?: string) => unknown;
	stop?: () => void;
	regenerate?: () => unknown;
}

/**
 * What the `composer` snippet of `ChatThread` receives, to replace the default text field.
 *
 * @example
 * ```svelte
 * <ChatThread {chat}>
 *   {#snippet composer({ send, stop, status }: ChatComposerProps)}
 *     <button onclick={() => send('Summarise this page')}>Summarise</button>
 *     <StopButton {status} onStop={stop} />
 *   {/snippet}
 * </ChatThread>
 * ```
 */
export interface ChatComposerProps {
	/** Sends a message (and clears the default composer's field). */
	send: (text: string) => void;
	/** Stops the running answer. */
	stop: () => void;
	/** The latest answer's status. */
	status: StreamStatus;
}

/**
 * What the `message` snippet of `ChatThread` receives, to render each message your own way.
 *
 * @example
 * ```svelte
 * <ChatThread {chat}>
 *   {#snippet message({ message: m, status, error }: ChatThreadMessageProps)}
 *     <ChatMessage message={m} {status} {error} live={false} roleLabels={{ assistant: 'Bot' }} />
 *   {/snippet}
 * </ChatThread>
 * ```
 */
export interface ChatThreadMessageProps {
	message: ChatMessageLike;
	index: number;
	/** The status this message is shown with (`done` for all but the latest answer). */
	status: StreamStatus;
	/** The error shown under it (only the latest answer has one). */
	error: StreamErrorLike | null;
}

/**
 * Props of {@link ChatThread}: the chat (or its messages, status and handlers) it shows, the
 * composer and its labels, and snippets that replace its parts.
 *
 * @example
 * ```svelte
 * <ChatThread {chat} placeholder="Ask about your order" style="height: 32rem">
 *   {#snippet empty()}<p>No messages yet.</p>{/snippet}
 * </ChatThread>
 * ```
 */
export interface ChatThreadProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
	/** The conversation (a `createChat()` result). Explicit props win over it. @default undefined */
	chat?: ChatThreadSource;
	/** The messages, oldest first. @default chat?.messages ?? [] */
	messages?: readonly ChatMessageLike[];
	/** The latest answer's status. @default chat?.status ?? "idle" */
	status?: StreamStatus;
	/** Why the latest answer failed. @default chat?.error ?? null */
	error?: StreamErrorLike | null;
	/** Called with the text when the user sends a message. @default chat?.send */
	onSend?: (text: string) => void;
	/** Called by the Stop button. @default chat?.stop */
	onStop?: () => void;
	/** Called by Retry on a failed or stopped answer. @default chat?.regenerate */
	onRetry?: (error: StreamErrorLike) => void;
	/** Called by Continue after a broken connection; Continue is hidden without it. @default undefined */
	onContinue?: (error: StreamErrorLike) => void;
	/** Accessible name of the scrolling history. @default "Conversation" */
	label?: string;
	/** Label of the default composer's text field. @default "Message" */
	inputLabel?: string;
	/** Placeholder of the default composer's text field. @default "Send a message" */
	placeholder?: string;
	/** Text of the default composer's send button. @default "Send" */
	sendLabel?: string;
	/** Overrides what the live region says. @default {} */
	announcements?: Partial<StreamAnnouncements>;
	/** Shows the typing indicator again after this long without new text (0 = never). @default 0 */
	typingPauseMs?: number;
	/** Renders each message's text instead of the default (markdown for the assistant, plain for the user). @default undefined */
	content?: Snippet<[ChatMessageContentProps]>;
	/** Replaces the rendering of each message. @default a `ChatMessage` */
	message?: Snippet<[ChatThreadMessageProps]>;
	/** Replaces the composer below the history; `null` renders none. @default a text field, Send and Stop */
	composer?: Snippet<[ChatComposerProps]> | null;
	/** Shown in the history when there are no messages yet. @default undefined */
	empty?: Snippet;
	/** The root element, once mounted. @default null */
	ref?: HTMLDivElement | null;
}
