export { default as ToolCallView } from './tool-call-view.svelte';
export { prettyPartialJSON } from './pretty-json.js';
export type { ToolCallLike, ToolCallState, ToolCallViewProps } from './types.js';
