export { default as ChatThread } from './chat-thread.svelte';
export type {
	ChatComposerProps,
	ChatThreadMessageProps,
	ChatThreadProps,
	ChatThreadSource
} from './types.js';
