export { default as StreamErrorView } from './stream-error.svelte';
export { describeStreamError, isResumable } from './describe.js';
export type { StreamErrorLike } from './describe.js';
export type { StreamErrorProps, StreamErrorSnippetProps, StreamErrorSource } from './types.js';
