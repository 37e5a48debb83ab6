/**
 * Healing: rewrites the open tail of a streamed answer so that what is shown mid-stream is what the
 * finished construct will most likely look like, never raw markers or half-built syntax. It only
 * ever runs on the last block while `streaming` is true; finished text is never healed.
 *
 * Rules, each tested in `tests/unit/core/markdown/heal.test.ts`:
 * - an unclosed `**`, `*`, `__`, `_`, `~~` or code span is closed; a marker with nothing after it
 *   yet is dropped;
 * - an unclosed fence stays a code block (CommonMark runs it to the end), and a half-typed closing
 *   fence is not shown as code;
 * - a partial link `[text](ur` shows `text` with no `href`; a partial image shows nothing;
 * - a bare URL still being typed is not linked yet (its `href` would be premature);
 * - a last line of `-` or `=` is dropped (it would turn the paragraph above into a setext heading),
 *   as is a lone list marker, task box or `#`;
 * - a table shows only once its delimiter row is complete, and without its unfinished last row;
 * - a half-written HTML tag (`<di`, `<span cla`) is not shown.
 */

/** Container prefixes and block markers at the start of a line: blockquote `>`, list markers, task boxes, ATX `#`. */
const LINE_PREFIX =
	/^[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)?(?:#{1,6}[ \t]+)?/;
/** Container prefixes only, to find fences nested in lists and quotes. */
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*/;
/** A line with no content yet: a list marker, task box, quote marker or heading marker alone. */
const MARKER_ONLY_LINE =
	/^[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d{1,9}[.)]?)(?:[ \t]+\[[ xX]?\]?)?[ \t]*|#{1,6}[ \t]*)?$/;
/** A link reference definition being typed: it renders nothing once done, so nothing before. */
const DEFINITION_LINE = /^ {0,3}\[[^\]\n]+\]:/;
/** A last line that would make the paragraph above a setext heading, or is a thematic break being typed. */
const SETEXT_LINE = /^ {0,3}(?:-+|=+)[ \t]*$/;
/** A line that starts a new block, so an inline construct cannot continue across it. */
const BLOCK_START_LINE = /^[ \t]*(?:>|[-*+][ \t]|\d{1,9}[.)][ \t]|#{1,6}[ \t]|\|)/;
const TABLE_DELIMITER_CELL = /^[ \t]*:?-+:?[ \t]*$/;
const PARTIAL_DELIMITER_ROW = /^[ \t]*\|?[ \t:|-]*$/;
/** Element names common enough that `<name ` is treated as a tag being written. */
const KNOWN_TAGS = new Set(
	(
		'a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption ' +
		'center cite code col colgroup data dd del details dfn dialog div dl dt em embed fieldset figcaption ' +
		'figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins ' +
		'kbd label legend li link main map mark math menu meta meter nav noscript object ol optgroup option ' +
		'output p param picture pre progress q s samp script section select slot small source span strong ' +
		'style sub summary sup svg table tbody td template textarea tfoot th thead time title tr track u ul ' +
		'var video wbr'
	).split(' ')
);

const isWhitespace = (char: string | undefined) => char === undefined || /\s/.test(char);
const isAlphanumeric = (char: string | undefined) =>
	char !== undefined && /[\p{L}\p{N}]/u.test(char);

/**
 * Heals the text of the last, still growing block of a streamed answer.
 *
 * @param tail the source of the open block (it may hold several lines, a list or a fence)
 * @returns markdown that renders as the finished construct so far
 *
 * @example
 * ```ts
 * healMarkdown('Some **bold te'); // 'Some **bold te**'
 * healMarkdown('See [the docs](https://exa'); // 'See the docs'
 * ```
 */
export function healMarkdown(tail: string): string {
	const lines = tail.split('\n');
	const fence = openFence(lines);
	if (fence !== null) return healOpenFence(lines, fence);

	dropUnfinishedLastLine(lines);
	dropUnfinishedTable(lines);

	const start = segmentStart(lines);
	if (start === -1) return lines.join('\n').replace(/[ \t]+$/, '');
	const head = lines.slice(0, start).join('\n');
	const segment = lines.slice(start).join('\n');
	if (segment.replace(LINE_PREFIX, '').startsWith('|')) return lines.join('\n');
	// Trailing spaces would render inside the last element; the finished text will trim them.
	const healed = healInline(segment).replace(/[ \t]+$/, '');
	let result = start === 0 ? healed : `${head}\n${healed}`;
	// A backslash at the very end escapes, or breaks the line before, what comes next: not shown yet.
	if (result.endsWith('\\') && /(^|[^\\])(\\\\)*\\$/.test(result))
		result = result.slice(0, -1).replace(/[ \t]+$/, '');
	// Hiding a half-typed opener can leave its line a bare marker ("- *" → "- "): hide that too.
	const lastBreak = result.lastIndexOf('\n');
	const lastLine = result.slice(lastBreak + 1);
	return lastLine !== '' && MARKER_ONLY_LINE.test(lastLine)
		? result.slice(0, lastBreak + 1)
		: result;
}

interface Fence {
	char: '`' | '~';
	length: number;
	line: number;
}

/** The fence still open at the end of `lines`, if any. */
function openFence(lines: string[]): Fence | null {
	let fence: Fence | null = null;
	for (let index = 0; index < lines.length; index++) {
		const content = lines[index].replace(CONTAINER_PREFIX, '');
		const match = /^(`{3,}|~{3,})(.*)$/.exec(content);
		if (fence === null) {
			if (match && !(match[1][0] === '`' && match[2].includes('`'))) {
				fence = { char: match[1][0] as '`' | '~', length: match[1].length, line: index };
			}
		} else if (
			match &&
			match[1][0] === fence.char &&
			match[1].length >= fence.length &&
			match[2].trim() === ''
		) {
			fence = null;
		}
	}
	return fence;
}

/** Inside an open fence only a half-typed closing fence needs hiding; the rest is code. */
function healOpenFence(lines: string[], fence: Fence): string {
	const last = lines.length - 1;
	if (last > fence.line) {
		const content = lines[last].replace(CONTAINER_PREFIX, '');
		const closing = fence.char === '`' ? /^`+[ \t]*$/ : /^~+[ \t]*$/;
		if (closing.test(content)) lines[last] = '';
	}
	return lines.join('\n');
}

function dropUnfinishedLastLine(lines: string[]): void {
	const last = lines.length - 1;
	const line = lines[last];
	if (line === '') return;
	const previous = last > 0 ? lines[last - 1] : '';
	if (MARKER_ONLY_LINE.test(line) || DEFINITION_LINE.test(line)) lines[last] = '';
	else if (
		SETEXT_LINE.test(line) &&
		(previous.trim() !== '' || /^[ \t]*-{1,2}[ \t]*$/.test(line))
	) {
		lines[last] = '';
	}
}

/**
 * In a table without outer pipes, a row being typed has no `|` yet ("foo"), yet it already is a
 * row: hidden like any unfinished row, so it does not show as a half-empty one.
 */
function hideRowWithoutSeparator(lines: string[]): void {
	const last = lines.length - 1;
	if (lines[last].trim() === '' || lines[last].includes('|')) return;
	let start = last;
	while (start > 0 && lines[start - 1].includes('|')) start--;
	if (last - start < 2) return;
	const delimiter = lines[start + 1];
	const isTable =
		splitCells(delimiter).every((cell) => TABLE_DELIMITER_CELL.test(cell)) &&
		countCells(delimiter) === countCells(lines[start]);
	if (isTable) lines[last] = '';
}

/** Whether `line` has a `|` outside code spans and not escaped: a possible table row. */
function hasCellSeparator(line: string): boolean {
	return /(^|[^\\])\|/.test(line.replace(/`[^`]*`/g, ''));
}

function countCells(row: string): number {
	return splitCells(row).length;
}

function splitCells(row: string): string[] {
	let text = row.trim();
	if (text.startsWith('|')) text = text.slice(1);
	if (text.endsWith('|') && !text.endsWith('\\|')) text = text.slice(0, -1);
	return text.split(/(?<!\\)\|/);
}

/** Hides a table until its delimiter row is complete, and its last row until that row ends. */
function dropUnfinishedTable(lines: string[]): void {
	const terminated = lines[lines.length - 1] === '';
	if (!terminated) hideRowWithoutSeparator(lines);
	const end = terminated ? lines.length - 1 : lines.length;
	let start = end;
	while (start > 0 && lines[start - 1].includes('|')) start--;
	if (start === end) return;
	const header = lines[start];
	const startsWithPipe = header.trimStart().startsWith('|');
	const rows = end - start;
	if (rows === 1) {
		// A first line with a cell separator may be a table header until the next line says not;
		// without outer pipes it counts only at a paragraph start (prose may hold a `|`).
		const paragraphStart = start === 0 || lines[start - 1].trim() === '';
		if (startsWithPipe || (paragraphStart && hasCellSeparator(header))) {
			lines.splice(start, end - start, ...(terminated ? [] : ['']));
		}
		return;
	}
	const delimiter = lines[start + 1];
	const delimiterIsLast = !terminated && start + 1 === end - 1;
	if (!PARTIAL_DELIMITER_ROW.test(delimiter)) return;
	if (!delimiter.includes('-') && !delimiterIsLast) return;
	const delimiterComplete =
		(start + 1 < end - 1 || terminated) &&
		splitCells(delimiter).every((cell) => TABLE_DELIMITER_CELL.test(cell)) &&
		countCells(delimiter) === countCells(header);
	if (!delimiterComplete) {
		lines.splice(start, end - start, '');
		if (terminated) lines.pop();
		return;
	}
	if (!terminated && rows > 2) lines[end - 1] = '';
}

/** Index of the first line of the last paragraph-like run, or -1 when the tail ends blank. */
function segmentStart(lines: string[]): number {
	let last = lines.length - 1;
	while (last >= 0 && lines[last].trim() === '') last--;
	if (last === -1) return -1;
	let start = last;
	while (start > 0 && !BLOCK_START_LINE.test(lines[start]) && lines[start - 1].trim() !== '') {
		start--;
	}
	return start;
}

interface Opener {
	char: '*' | '_' | '~';
	count: number;
	at: number;
}

/** Closes what is open in one paragraph-like run of lines, and hides what is half-written. */
function healInline(segment: string): string {
	let src = segment;
	let out = '';
	const openers: Opener[] = [];
	let openCode = 0;
	let atLineStart = true;
	let i = 0;
	scan: while (i < src.length) {
		if (atLineStart) {
			atLineStart = false;
			const prefix = LINE_PREFIX.exec(src.slice(i))?.[0] ?? '';
			out += prefix;
			i += prefix.length;
			continue;
		}
		const char = src[i];
		switch (char) {
			case '\n':
				out += char;
				i++;
				atLineStart = true;
				continue;
			case '\\':
				out += src.slice(i, i + 2);
				i += 2;
				continue;
			case '`': {
				const run = runLength(src, i, '`');
				const close = findBacktickRun(src, i + run, run);
				if (close !== -1) {
					out += src.slice(i, close + run);
					i = close + run;
					continue;
				}
				const rest = src.slice(i + run);
				if (rest.trim() !== '') {
					out += src.slice(i);
					openCode = run;
				}
				break scan;
			}
			case '<': {
				if (isPartialTag(src.slice(i)) || isPartialAutolink(src.slice(i))) break scan;
				const tag = /^<\/?[A-Za-z][^<>\n]*>/.exec(src.slice(i));
				const length = tag ? tag[0].length : 1;
				out += src.slice(i, i + length);
				i += length;
				continue;
			}
			case '!': {
				if (src[i + 1] !== '[') break;
				const close = matchBracket(src, i + 1);
				if (close === -1 || close === src.length - 1) break scan;
				if (src[close + 1] === '(') {
					const end = matchParen(src, close + 1);
					if (end === -1) break scan;
					out += src.slice(i, end + 1);
					i = end + 1;
					continue;
				}
				break;
			}
			case '[': {
				const close = matchBracket(src, i);
				if (close === -1) {
					// "[!" may open an image inside link text ("[![alt](…)](…)"): nothing to show yet.
					if (src.slice(i + 1) === '!') {
						src = src.slice(0, i);
						continue;
					}
					// Link text still being written: show it without the bracket.
					src = src.slice(0, i) + src.slice(i + 1);
					continue;
				}
				if (src[close + 1] === '(') {
					const end = matchParen(src, close + 1);
					if (end === -1) {
						src = src.slice(0, i) + src.slice(i + 1, close);
						continue;
					}
					out += src.slice(i, end + 1);
					i = end + 1;
					continue;
				}
				if (src[close + 1] === '[') {
					// `[text][ref` or `[text][ref]` at the end: a reference link being written.
					const end = matchBracket(src, close + 1);
					if (end === -1 || end === src.length - 1) {
						src = src.slice(0, i) + src.slice(i + 1, close);
						continue;
					}
				}
				if (close === src.length - 1) {
					src = src.slice(0, i) + src.slice(i + 1, close);
					continue;
				}
				break;
			}
			case '*':
			case '_':
			case '~': {
				const run = runLength(src, i, char);
				handleDelimiterRun(char, run, src[i - 1] ?? '\n', src[i + run], out.length, openers);
				out += src.slice(i, i + run);
				i += run;
				continue;
			}
		}
		out += char;
		i++;
	}

	if (openCode > 0) {
		out += (out.endsWith('`') ? ' ' : '') + '`'.repeat(openCode);
	} else {
		out = guardTrailingAutolink(out);
	}
	return closeOpeners(out, openers);
}

function runLength(src: string, at: number, char: string): number {
	let end = at;
	while (src[end] === char) end++;
	return end - at;
}

function findBacktickRun(src: string, from: number, length: number): number {
	for (let i = src.indexOf('`', from); i !== -1; i = src.indexOf('`', i)) {
		const run = runLength(src, i, '`');
		if (run === length) return i;
		i += run;
	}
	return -1;
}

function matchBracket(src: string, open: number): number {
	let depth = 0;
	for (let i = open; i < src.length; i++) {
		const char = src[i];
		if (char === '\\') i++;
		else if (char === '[') depth++;
		else if (char === ']' && --depth === 0) return i;
	}
	return -1;
}

function matchParen(src: string, open: number): number {
	let depth = 0;
	for (let i = open; i < src.length; i++) {
		const char = src[i];
		if (char === '\\') i++;
		else if (char === '(') depth++;
		else if (char === ')' && --depth === 0) return i;
		else if (char === '\n') return -1;
	}
	return -1;
}

/** `<di`, `</sp`, `<span cla` at the very end: a tag still being typed. */
function isPartialTag(rest: string): boolean {
	// `<`, `</`, `<!`, `<!-` at the very end: too short to tell, and gone with the next character.
	if (/^<(?:\/|!-{0,2})?$/.test(rest)) return true;
	const match = /^<\/?([A-Za-z][A-Za-z0-9-]*)(\s[^<>\n]*)?$/.exec(rest);
	if (!match || rest.length > 200) return false;
	if (match[2] === undefined) return true;
	return KNOWN_TAGS.has(match[1].toLowerCase());
}

/** `<https://exa` or `<me@exa`: an autolink still being typed. */
function isPartialAutolink(rest: string): boolean {
	return /^<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.+-]+@[^\s<>]*)$/.test(rest);
}

function handleDelimiterRun(
	char: '*' | '_' | '~',
	run: number,
	before: string,
	after: string | undefined,
	at: number,
	openers: Opener[]
): void {
	// A single `~` at the very end may be the first half of `~~`; any other single `~` is text.
	if (char === '~' && run !== 2 && !(run === 1 && after === undefined)) return;
	const rightFlanking = !isWhitespace(before);
	const canClose = rightFlanking && (char !== '_' || !isAlphanumeric(after));
	if (canClose) {
		let remaining = run;
		for (let index = openers.length - 1; index >= 0 && remaining > 0; index--) {
			const opener = openers[index];
			if (opener.char !== char) continue;
			const used = Math.min(opener.count, remaining);
			opener.count -= used;
			remaining -= used;
			if (opener.count === 0) openers.splice(index);
		}
		if (remaining < run) return;
	}
	// Only openers at a word start are healed: `2*3` or `snake_case` stay literal.
	const canOpen = (after === undefined || !isWhitespace(after)) && !isAlphanumeric(before);
	if (canOpen) openers.push({ char, count: run, at });
}

/** A URL at the very end may still grow, so it must not become a link with a truncated `href`. */
function guardTrailingAutolink(out: string): string {
	// marked links `scheme://` after any character at all (`_https://`, `x.https://`), and `www.`
	// after a space, `_`, `*`, `~` or `(`.
	const url =
		/()((?:https?|ftp):\/\/[^\s<]*)$/i.exec(out) ?? /(^|[\s_*~(])(www\.[^\s<]*)$/i.exec(out);
	// `<https://…>` is a finished autolink: its URL cannot grow any more.
	if (url && out[url.index + url[1].length - 1] === '<' && url[2].endsWith('>')) return out;
	if (url) {
		const start = url.index + url[1].length;
		const split = url[2].toLowerCase().startsWith('www.') ? start + 3 : start + url[2].indexOf(':');
		return `${out.slice(0, split)}\\${out.slice(split)}`;
	}
	const email = /(^|[^\w.+\\-])[\w.+-]+@[\w-]*(?:\.[\w-]*)*$/.exec(out);
	if (email) {
		const split = out.lastIndexOf('@');
		return `${out.slice(0, split)}\\${out.slice(split)}`;
	}
	return out;
}

function closeOpeners(input: string, openers: Opener[]): string {
	let out = input;
	for (let index = openers.length - 1; index >= 0; index--) {
		const { char, count, at } = openers[index];
		if (out.slice(at + count).trim() === '') {
			out = out.slice(0, at) + out.slice(at + count);
			continue;
		}
		let body = out.trimEnd();
		const trailing = out.slice(body.length);
		// A closer after an odd run of backslashes would be escaped; drop the dangling backslash.
		const backslashes = /\\+$/.exec(body)?.[0].length ?? 0;
		if (backslashes % 2 === 1) body = body.slice(0, -1);
		out = body + char.repeat(count) + trailing;
	}
	return out;
}
