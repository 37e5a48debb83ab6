export { default as StreamViewport } from './stream-viewport.svelte';
export type {
	StreamViewportJumpProps,
	StreamViewportProps,
	StreamViewportSource
} from './types.js';
