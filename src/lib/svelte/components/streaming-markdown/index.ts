export { default as StreamingMarkdown } from './streaming-markdown.svelte';
export { default as CodeBlock } from './code-block.svelte';
export { createCodeHighlighter, DEFAULT_CODE_THEME } from './highlighter.js';
export type { CodeHighlighter, CodeHighlighterOptions, CodeTheme } from './highlighter.js';
export type {
	CodeBlockProps,
	StreamingMarkdownComponents,
	StreamingMarkdownProps
} from './types.js';
