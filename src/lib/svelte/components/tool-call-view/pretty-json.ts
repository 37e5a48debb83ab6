/**
 * Indents JSON text that may be cut off anywhere, without parsing it. Whitespace outside strings is
 * replaced by `JSON.stringify(value, null, indent)` layout; strings are copied verbatim. A newline
 * after `{`, `[` or `,` is written only once the next token arrives, so the output for a longer
 * prefix always extends the output for a shorter one and the display grows without jumping.
 *
 * @example
 * ```ts
 * prettyPartialJSON('{"city":"Par'); // '{\n  "city": "Par'
 * ```
 */
export function prettyPartialJSON(text: string, indent = '  '): string {
	let out = '';
	let depth = 0;
	let inString = false;
	let escaped = false;
	let pendingBreak = false;
	const breakLine = () => {
		out += '\n' + indent.repeat(depth);
		pendingBreak = false;
	};
	for (const char of text) {
		if (inString) {
			out += char;
			if (escaped) escaped = false;
			else if (char === '\\') escaped = true;
			else if (char === '"') inString = false;
			continue;
		}
		switch (char) {
			case ' ':
			case '\t':
			case '\n':
			case '\r':
				break;
			case '{':
			case '[':
				if (pendingBreak) breakLine();
				out += char;
				depth++;
				pendingBreak = true;
				break;
			case '}':
			case ']':
				depth = Math.max(0, depth - 1);
				if (pendingBreak) pendingBreak = false;
				else out += '\n' + indent.repeat(depth);
				out += char;
				break;
			case ',':
				out += char;
				pendingBreak = true;
				break;
			case ':':
				out += ': ';
				break;
			default:
				if (pendingBreak) breakLine();
				if (char === '"') inString = true;
				out += char;
		}
	}
	return out;
}
