export { createTokenStream } from './svelte/token-stream.svelte.js';
export type {
	MaybeGetter,
	StoppedAnswer,
	StreamMetrics,
	StreamStatus,
	TokenStream,
	TokenStreamOptions,
	TokenStreamState
} from './svelte/token-stream.svelte.js';
export type { TokenKind } from './svelte/token-stream-tap.js';
export { createChat } from './svelte/chat.svelte.js';
export type {
	Chat,
	ChatOptions,
	Message,
	MessageInit,
	MessagePart,
	MessageRole,
	RequestMessage
} from './svelte/chat.svelte.js';
export {
	getChatContext,
	getTokenStreamContext,
	hasChatContext,
	hasTokenStreamContext,
	setChatContext,
	setTokenStreamContext
} from './svelte/context.js';
export * from './core/index.js';
export * from './svelte/components/index.js';
// `StreamError` names both the error class (core) and the partial-error component; this export is
// both, and shadows the class re-exported by `export *` above. The component is also `StreamErrorView`.
export { StreamError } from './svelte/stream-error-export.js';
export {
	CodeBlock,
	StreamingMarkdown,
	createCodeHighlighter,
	DEFAULT_CODE_THEME
} from './svelte/components/streaming-markdown/index.js';
export type {
	CodeBlockProps,
	CodeHighlighter,
	CodeHighlighterOptions,
	CodeTheme,
	StreamingMarkdownComponents,
	StreamingMarkdownProps
} from './svelte/components/streaming-markdown/index.js';
