/** Markup of the caret `StreamingMarkdown` shows after the last streamed text. */
export const CARET_HTML = '<span class="llm-md-caret" data-llm-caret aria-hidden="true"></span>';

/** Elements the caret never goes into: it would read as code, or break a table's layout. */
const OUTSIDE = /<\/(?:code|pre|kbd|samp|table|thead|tbody|tfoot|tr|td|th)>/gi;

/**
 * Puts `caret` after the last text of a rendered block: before the closing tags the block ends
 * with, so it sits on the last line (`<p>text▍</p>`, `<li>item▍</li>`), not below it. Never inside
 * code or a table, however deep (a code block in a list item, a table in a quote): then it goes
 * right after them.
 *
 * @example
 * ```ts
 * insertCaret('<ul>\n<li>a</li>\n</ul>\n', '|'); // '<ul>\n<li>a|</li>\n</ul>\n'
 * insertCaret('<p>run <code>ls</code></p>\n', '|'); // '<p>run <code>ls</code>|</p>\n'
 * ```
 */
export function insertCaret(html: string, caret: string = CARET_HTML): string {
	const closing = /(?:<\/[a-z][a-z0-9]*>\s*)+$/i.exec(html);
	if (!closing) return html + caret;
	let at = closing.index;
	for (const match of closing[0].matchAll(OUTSIDE))
		at = closing.index + match.index + match[0].length;
	return html.slice(0, at) + caret + html.slice(at);
}
