export { encodeSSE } from './encode.js';
export type { SSEMessage } from './encode.js';
export { sseResponse } from './sse-response.js';
export type { SSEResponseOptions } from './sse-response.js';
export { textEventStream } from './text-event-stream.js';
export type { TextEventStreamOptions } from './text-event-stream.js';
export { createStreamRegistry, StreamRegistryError } from './registry.js';
export type {
	FollowOptions,
	StreamRegistry,
	StreamRegistryErrorCode,
	StreamRegistryOptions,
	StreamSource
} from './registry.js';
export { createMemoryStreamStore } from './stream-store.js';
export type {
	MaybePromise,
	StoredEvent,
	StoredStreamSlice,
	StoredStreamState,
	StreamStore
} from './stream-store.js';
export { uiMessageEventStream, UI_MESSAGE_STREAM_HEADERS } from './ai-sdk-ui.js';
export type { UIMessageEventStreamOptions, UIToolCallChunk } from './ai-sdk-ui.js';
export { pipeResponseToWebSocket } from './websocket.js';
export type { PipeToWebSocketOptions, ServerWebSocketLike, WebSocketPipeEnd } from './websocket.js';
