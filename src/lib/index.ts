export { createTokenStream } from './svelte/token-stream.svelte.js';
export type {
	StreamStatus,
	TokenStream,
	TokenStreamOptions,
	TokenStreamState
} from './svelte/token-stream.svelte.js';
export * from './core/index.js';
// State components (the issue's `StreamError` component is exported as `StreamErrorView`, since the
// name `StreamError` is the error class from core).
export * from './svelte/components/index.js';
