import { createMarkdownStream } from './markdown-stream.js';
import type { MarkdownPolicy } from './renderer.js';

/**
 * Options of {@link renderMarkdown}: the safety policy, and whether the answer is still arriving.
 *
 * @example
 * ```ts
 * const options: RenderMarkdownOptions = { streaming: true, links: { protocols: ['https:'] } };
 * renderMarkdown('See [the docs](https://exa', options); // '<p>See the docs</p>\n'
 * ```
 */
export interface RenderMarkdownOptions extends MarkdownPolicy {
	/**
	 * The answer is still arriving: heal the last block (close open emphasis and code, hide
	 * half-written links, images, tags, table rows and markers). When false the output is plain
	 * GitHub-flavoured markdown under the safety policy.
	 * @default false
	 */
	streaming?: boolean;
}

/**
 * Renders untrusted markdown (an LLM answer) to safe HTML. Pure and DOM-free, so it runs on the
 * server; `StreamingMarkdown` shows exactly this HTML, block by block.
 *
 * @example
 * ```ts
 * import { renderMarkdown } from 'svelte-llm-stream/core';
 *
 * renderMarkdown('Use **marked', { streaming: true }); // '<p>Use <strong>marked</strong></p>\n'
 * renderMarkdown('[x](javascript:alert(1))'); // '<p>x</p>\n'
 * renderMarkdown('![a](https://cdn.example.com/a.png)', {
 * 	images: { origins: ['https://cdn.example.com'] }
 * });
 * ```
 */
export function renderMarkdown(source: string, options: RenderMarkdownOptions = {}): string {
	const { streaming = false, ...policy } = options;
	const { settled, open } = createMarkdownStream(policy).update(source, streaming);
	let html = '';
	for (const block of settled) html += block.html;
	for (const block of open) html += block.html;
	return html;
}
