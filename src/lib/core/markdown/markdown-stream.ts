import type { Token, Tokens, TokensList } from 'marked';
import { healMarkdown } from './heal.js';
import { createBlockRenderer, type BlockRenderer, type MarkdownPolicy } from './renderer.js';

/**
 * One top-level block of rendered markdown, as {@link MarkdownStream.update} returns it; its `key`
 * stays the same while the answer grows, so it can key a list of rendered blocks.
 *
 * @example
 * ```ts
 * const { settled, open } = createMarkdownStream().update(answer, true);
 * for (const block of [...settled, ...open]) console.log(block.key, block.type, block.code?.lang);
 * ```
 */
export interface MarkdownBlock {
	/** Position of the block in the answer; stable while text is appended. */
	readonly key: number;
	/** The marked token type: `paragraph`, `code`, `list`, `table`, `heading`, … */
	readonly type: string;
	/** Safe HTML of the block, exactly as `renderMarkdown` writes it. */
	readonly html: string;
	/** For a fenced or indented code block: its text and info-string language. */
	readonly code?: { readonly text: string; readonly lang: string };
}

/**
 * The answer split into blocks that can no longer change and the open tail that still can: what
 * {@link MarkdownStream.update} returns.
 *
 * @example
 * ```ts
 * const snapshot: MarkdownSnapshot = markdown.update(stream.text, stream.status === 'streaming');
 * const html = [...snapshot.settled, ...snapshot.open].map((block) => block.html).join('');
 * ```
 */
export interface MarkdownSnapshot {
	/** Finished blocks. The same array object is returned until a block is added to it. */
	readonly settled: readonly MarkdownBlock[];
	/** The last block (and any blank-line or healing leftovers), re-rendered on every update. */
	readonly open: readonly MarkdownBlock[];
}

/**
 * Renders a growing answer block by block, so each update costs what the last block costs; see
 * {@link createMarkdownStream}.
 *
 * @example
 * ```ts
 * const markdown: MarkdownStream = createMarkdownStream({ images: false });
 * const { settled, open } = markdown.update(stream.text, stream.status === 'streaming');
 * ```
 */
export interface MarkdownStream {
	/** Renders `source`, re-lexing only what follows the settled blocks when `source` only grew. */
	update(source: string, streaming: boolean): MarkdownSnapshot;
}

type Links = TokensList['links'];

/**
 * Incremental renderer behind `StreamingMarkdown` and `renderMarkdown`. Every block but the last
 * settles: its HTML is rendered once and its object is reused by every later update, so neither
 * marked nor the DOM touches it again. Only the text after the settled blocks is lexed, so the
 * cost of an update follows the size of the last block, not of the answer.
 *
 * The split is sound because marked lexes top-level blocks left to right with no state other than
 * link reference definitions: lexing the text after a block boundary gives the same tokens as
 * lexing the whole. Definitions are carried forward; a new one that earlier blocks might use
 * triggers one full re-render.
 *
 * @example
 * ```ts
 * const stream = createMarkdownStream();
 * stream.update('# Title\n\nSome **bo', true); // settled: [h1], open: [<p>Some <strong>bo</strong></p>]
 * stream.update('# Title\n\nSome **bold**', false); // the h1 block is the same object as before
 * ```
 */
export function createMarkdownStream(policy: MarkdownPolicy = {}): MarkdownStream {
	const renderer = createBlockRenderer(policy);
	let settled: MarkdownBlock[] = [];
	let settledSource = '';
	let settledLinks: Links = Object.create(null);
	// The source last rendered whole because its final text ended with a definition: a repeated
	// `update` of the same text need not start over again.
	let renderedWhole: string | null = null;

	const reset = () => {
		settled = [];
		settledSource = '';
		settledLinks = Object.create(null);
	};

	const update = (input: string, streaming: boolean): MarkdownSnapshot => {
		if (typeof input !== 'string') {
			throw new TypeError(`markdown source must be a string, got ${describe(input)}`);
		}
		// marked reads CR and CRLF as LF; normalise first so block offsets match the text we slice.
		const source = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
		if (!source.startsWith(settledSource)) reset();

		let tail = source.slice(settledSource.length);
		let tokens = renderer.lex(tail, copyLinks(settledLinks));
		let lastContent = lastContentIndex(tokens);
		if (streaming && lastContent >= 0 && tokens[lastContent].type === 'def') {
			// A definition still being written ("[d]: https://exa") would link every use of it to a
			// half-typed URL: it applies once a block follows it, or when the answer ends.
			const cut = rawOffset(tail, tokens, lastContent);
			if (cut !== -1) {
				tail = tail.slice(0, cut);
				tokens = renderer.lex(tail, copyLinks(settledLinks));
				lastContent = lastContentIndex(tokens);
			}
		}

		// marked sometimes rewrites a token's raw text (a list ending in "- " gets a newline), so a
		// token settles only while its raw text is exactly the source it came from.
		let settleCount = 0;
		let offset = 0;
		while (settleCount < lastContent && tail.startsWith(tokens[settleCount].raw, offset)) {
			offset += tokens[settleCount].raw.length;
			settleCount++;
		}
		// "1. a\n\n2" becomes one loose list once the "." arrives: a list stays open while what
		// follows it could still be its next item's number.
		let lastSettled = settleCount - 1;
		while (lastSettled >= 0 && tokens[lastSettled].type === 'space') lastSettled--;
		if (
			streaming &&
			lastSettled >= 0 &&
			tokens[lastSettled].type === 'list' &&
			/^ {0,3}\d{1,9}$/.test(tail.slice(offset))
		) {
			for (; settleCount > lastSettled; settleCount--) offset -= tokens[settleCount - 1].raw.length;
		}
		const settling = tokens.slice(0, settleCount);
		const newDefinitionAbove = settling.some((t) => isNewDefinition(t, settledLinks));
		// The answer's final text may end with definitions that blocks already settled above use.
		const newDefinitionAtEnd =
			!streaming &&
			source !== renderedWhole &&
			tokens.slice(settleCount).some((t) => isNewDefinition(t, settledLinks));
		if (settled.length > 0 && (newDefinitionAbove || newDefinitionAtEnd)) {
			// A definition can change how blocks above it render: start over once.
			reset();
			if (newDefinitionAtEnd) renderedWhole = source;
			return update(source, streaming);
		}
		let next = settled;
		for (const token of settling) {
			if (token.type === 'def') addDefinition(token as Tokens.Def, settledLinks);
			const block = toBlock(renderer, token, next.length);
			if (block) {
				if (next === settled) next = settled.slice();
				next.push(block);
			}
		}
		if (next !== settled) settled = next;
		settledSource = source.slice(0, settledSource.length + offset);

		let openTokens = tokens.slice(settleCount);
		if (streaming && openTokens.length > 0) {
			const openSource = tail.slice(offset);
			const healed = healMarkdown(openSource);
			// Most updates need no healing (the last word is plain text): keep the tokens we have.
			if (healed !== openSource) openTokens = renderer.lex(healed, copyLinks(settledLinks));
		}
		const open: MarkdownBlock[] = [];
		for (const token of openTokens) {
			const block = toBlock(renderer, token, settled.length + open.length);
			if (block) open.push(block);
		}
		return { settled, open };
	};

	return { update };
}

function toBlock(renderer: BlockRenderer, token: Token, key: number): MarkdownBlock | null {
	if (token.type === 'space' || token.type === 'def') return null;
	const html = renderer.render(token);
	if (html === '') return null;
	if (token.type === 'code') {
		const code = token as Tokens.Code;
		const lang = (code.lang ?? '').match(/^\S*/)?.[0] ?? '';
		return { key, type: token.type, html, code: { text: code.text, lang } };
	}
	return { key, type: token.type, html };
}

function lastContentIndex(tokens: Token[]): number {
	let index = tokens.length - 1;
	while (index >= 0 && tokens[index].type === 'space') index--;
	return index;
}

/** Where token `index` starts in `text`, or -1 if the tokens' raw texts do not spell it out. */
function rawOffset(text: string, tokens: Token[], index: number): number {
	let offset = 0;
	for (let i = 0; i < index; i++) {
		if (!text.startsWith(tokens[i].raw, offset)) return -1;
		offset += tokens[i].raw.length;
	}
	return offset;
}

function copyLinks(links: Links): Links {
	return Object.assign(Object.create(null) as Links, links);
}

function isNewDefinition(token: Token, links: Links): boolean {
	return token.type === 'def' && !((token as Tokens.Def).tag in links);
}

function addDefinition(token: Tokens.Def, links: Links): void {
	// CommonMark: the first definition of a label wins.
	if (!(token.tag in links)) links[token.tag] = { href: token.href, title: token.title };
}

function describe(value: unknown): string {
	return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}
