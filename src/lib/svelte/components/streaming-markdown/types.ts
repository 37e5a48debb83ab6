import type { CodeTheme } from './highlighter.js';
import type { Component } from 'svelte';
import type { HTMLAttributes } from 'svelte/elements';
import type { HtmlPolicy, ImagePolicy, LinkPolicy } from '../../../core/markdown/index.js';

/**
 * Props a code block component receives (the built-in one, or yours through `components.code`).
 *
 * @example
 * ```svelte
 * <!-- MyCodeBlock.svelte, used as <StreamingMarkdown components={{ code: MyCodeBlock }} … /> -->
 * <script lang="ts">
 *   import type { CodeBlockProps } from 'svelte-llm-stream';
 *   let { code, lang, growing = false }: CodeBlockProps = $props();
 * </script>
 * <pre data-lang={lang} aria-busy={growing}><code>{code}</code></pre>
 * ```
 */
export interface CodeBlockProps {
	/** The code, without the fences. */
	code: string;
	/** The first word of the fence's info string (`ts` for ```` ```ts title ````), or `''`. */
	lang: string;
	/** True while the block is the open tail of a streaming answer and may still grow. @default false */
	growing?: boolean;
}

/**
 * Components that replace parts of the rendering of {@link StreamingMarkdown}, through its
 * `components` prop.
 *
 * @example
 * ```svelte
 * <StreamingMarkdown source={stream.text} components={{ code: MyCodeBlock }} />
 * ```
 */
export interface StreamingMarkdownComponents {
	/** Renders top-level code blocks instead of the built-in label + copy button + highlighting. @default undefined */
	code?: Component<CodeBlockProps>;
}

/**
 * Props of {@link StreamingMarkdown}: the markdown so far, whether it is still streaming, and the
 * safety policy and code theme it is rendered with.
 *
 * @example
 * ```svelte
 * <StreamingMarkdown
 *   source={stream.text}
 *   streaming={stream.status === 'streaming'}
 *   images={{ origins: ['https://cdn.example.com'] }}
 * />
 * ```
 */
export interface StreamingMarkdownProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
	/** The markdown text so far. */
	source: string;
	/** True while the answer is still arriving: the last block is healed and the caret shows. @default false */
	streaming?: boolean;
	/**
	 * Shows a caret after the last text while `streaming` (never inside a code block or table).
	 * Theme it with `--llm-caret-color`, `--llm-caret-width` and `--llm-caret-duration`.
	 * @default true
	 */
	caret?: boolean;
	/** Replaces parts of the rendering, e.g. `{ code: MyCodeBlock }`. @default {} */
	components?: StreamingMarkdownComponents;
	/** Which links become `<a href>`; see `LinkPolicy`. @default { protocols: ['http:', 'https:', 'mailto:'], relative: true } */
	links?: LinkPolicy;
	/** Which images load; see `ImagePolicy`. @default { protocols: ['https:'], dataImages: true, relative: false } */
	images?: ImagePolicy;
	/** Raw HTML from the model: escaped, or passed through `createHtmlSanitizer()`. @default 'escape' */
	html?: HtmlPolicy;
	/**
	 * Shiki theme for code blocks: one name, or `{ light, dark }` to follow the colour scheme;
	 * `false` for no highlighting.
	 * @default { light: 'github-light-default', dark: 'github-dark-default' }
	 */
	codeTheme?: CodeTheme | false;
	/** The root element, once mounted. @default null */
	ref?: HTMLDivElement | null;
}
