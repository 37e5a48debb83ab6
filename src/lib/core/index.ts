export { StreamError, isStreamError } from './errors.js';
export type { StreamErrorCode, StreamErrorOptions } from './errors.js';
export { createSSEDecoder } from './sse/decode.js';
export type { SSEEvent, SSEDecoder, SSEDecoderOptions } from './sse/decode.js';
export { readLLMStream } from './read-llm-stream.js';
export type { ReadLLMStreamOptions } from './read-llm-stream.js';
export { streamLLM } from './transport/stream-llm.js';
export type {
	LLMTransport,
	ReconnectInfo,
	ReconnectOptions,
	StreamLLMOptions
} from './transport/stream-llm.js';
export { websocketStream } from './transport/websocket-stream.js';
export { websocketTransport } from './transport/websocket-transport.js';
export type { WebSocketTransportOptions } from './transport/websocket-transport.js';
export type {
	WebSocketConstructor,
	WebSocketEventLike,
	WebSocketEventStream,
	WebSocketLike,
	WebSocketStreamOptions
} from './transport/websocket-stream.js';
export {
	aiSdkUIProtocol,
	anthropicMessagesProtocol,
	openAIChatProtocol,
	resolveProtocol,
	textProtocol
} from './formats/index.js';
export { parsePartialJSON } from './partial-json.js';
export type {
	LLMAccumulator,
	LLMResult,
	LLMSnapshot,
	Protocol,
	ProtocolId,
	ProtocolReader,
	ToolCall
} from './types.js';
export { createFrameBatcher, onAnimationFrame } from './schedule/frame-batcher.js';
export type { FrameBatcher, Schedule } from './schedule/frame-batcher.js';
export { createSmoothReveal, safeCutIndex } from './schedule/smooth-reveal.js';
export type { SmoothReveal, SmoothRevealOptions } from './schedule/smooth-reveal.js';
export {
	createHtmlSanitizer,
	createMarkdownStream,
	healMarkdown,
	renderMarkdown
} from './markdown/index.js';
export type {
	HtmlPolicy,
	HtmlSanitizer,
	HtmlSanitizerOptions,
	ImagePolicy,
	LinkPolicy,
	MarkdownBlock,
	MarkdownPolicy,
	MarkdownSnapshot,
	MarkdownStream,
	RenderMarkdownOptions
} from './markdown/index.js';
