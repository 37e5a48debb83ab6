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

		const tail = source.slice(settledSource.length);
		const tokens = renderer.lex(tail, copyLinks(settledLinks));
		let lastContent = tokens.length - 1;
		while (lastContent >= 0 && tokens[lastContent].type === 'space') lastContent--;

		// marked sometimes rewrites a token's raw text (a list ending in "- " gets a newline), so a
		// token settles only while its raw text is exactly the source it came from.
		let settleCount = 0;
		let offset = 0;
		while (settleCount < lastContent && tail.startsWith(tokens[settleCount].raw, offset)) {
			offset += tokens[settleCount].raw.length;
			settleCount++;
		}
		const settling = tokens.slice(0, settleCount);
		if (settled.length > 0 && settling.some((t) => isNewDefinition(t, settledLinks))) {
			// A definition can change how blocks above it render: start over once.
			reset();
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
