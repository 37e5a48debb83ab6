export { default as TypingIndicator } from './typing-indicator.svelte';
export type { TypingIndicatorProps, TypingIndicatorSource } from './types.js';
