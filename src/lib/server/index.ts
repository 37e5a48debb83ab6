export { encodeSSE } from './encode.js';
export type { SSEMessage } from './encode.js';
export { sseResponse } from './sse-response.js';
export type { SSEResponseOptions } from './sse-response.js';
export { textEventStream } from './text-event-stream.js';
export type { TextEventStreamOptions } from './text-event-stream.js';
