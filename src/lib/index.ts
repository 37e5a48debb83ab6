export { createTokenStream } from './svelte/token-stream.svelte.js';
export type {
	StreamStatus,
	TokenStream,
	TokenStreamOptions,
	TokenStreamState
} from './svelte/token-stream.svelte.js';
export * from './core/index.js';
