export { default as StreamingMarkdown } from './streaming-markdown.svelte';
export { default as CodeBlock } from './code-block.svelte';
export { createCodeHighlighter } from './highlighter.js';
export type { CodeHighlighter, CodeHighlighterOptions } from './highlighter.js';
export type {
	CodeBlockProps,
	StreamingMarkdownComponents,
	StreamingMarkdownProps
} from './types.js';
