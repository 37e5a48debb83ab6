export { default as ChatMessage } from './chat-message.svelte';
export type {
	ChatMessageContentProps,
	ChatMessageLike,
	ChatMessageProps,
	ChatMessageSource,
	ChatRole,
	ChatToolCall
} from './types.js';
