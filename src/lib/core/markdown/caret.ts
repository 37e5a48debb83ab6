/** Markup of the caret `StreamingMarkdown` shows after the last streamed text. */
export const CARET_HTML = '<span class="llm-md-caret" data-llm-caret aria-hidden="true"></span>';

/**
 * Puts `caret` after the last text of a rendered block: before the closing tags the block ends
 * with, so it sits on the last line (`<p>text▍</p>`, `<li>item▍</li>`), not below it.
 *
 * @example
 * ```ts
 * insertCaret('<ul>\n<li>a</li>\n</ul>\n', '|'); // '<ul>\n<li>a|</li>\n</ul>\n'
 * ```
 */
export function insertCaret(html: string, caret: string = CARET_HTML): string {
	const closing = /(?:<\/[a-z][a-z0-9]*>\s*)+$/i.exec(html);
	if (!closing) return html + caret;
	return html.slice(0, closing.index) + caret + html.slice(closing.index);
}
