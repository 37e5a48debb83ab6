export { renderMarkdown } from './render.js';
export type { RenderMarkdownOptions } from './render.js';
export { createMarkdownStream } from './markdown-stream.js';
export type { MarkdownBlock, MarkdownSnapshot, MarkdownStream } from './markdown-stream.js';
export { healMarkdown } from './heal.js';
export { createHtmlSanitizer } from './html-sanitizer.js';
export type { HtmlSanitizerOptions } from './html-sanitizer.js';
export type { HtmlPolicy, HtmlSanitizer, MarkdownPolicy } from './renderer.js';
export type { ImagePolicy, LinkPolicy } from './policy.js';
