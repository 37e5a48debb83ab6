export { default as StopButton } from './stop-button.svelte';
export type { StopButtonProps, StopButtonSource } from './types.js';
