export { default as StreamCaret } from './stream-caret.svelte';
export type { StreamCaretProps, StreamCaretSource } from './types.js';
