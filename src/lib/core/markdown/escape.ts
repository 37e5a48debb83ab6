const HTML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

/**
 * Escapes the five characters that are special in HTML text and quoted attribute values, so the
 * result reads back as exactly `text` in either place.
 */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

// The named references a browser would turn into characters that matter for a URL's scheme
// (tabs, newlines, colons, letters-looking punctuation). Unknown names stay literal: the output
// escapes `&`, so a browser never decodes them either.
const NAMED_REFERENCES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	colon: ':',
	Tab: '\t',
	NewLine: '\n',
	nbsp: '\u00a0',
	sol: '/',
	bsol: '\\',
	lpar: '(',
	rpar: ')',
	period: '.',
	comma: ',',
	semi: ';',
	num: '#',
	quest: '?',
	equals: '=',
	percnt: '%',
	plus: '+',
	excl: '!',
	commat: '@'
};

/**
 * Decodes character references the way CommonMark does inside link destinations, so a URL is
 * judged by what it means (`&#106;avascript:` is `javascript:`), not by how it was spelled.
 */
export function decodeCharacterReferences(text: string): string {
	if (!text.includes('&')) return text;
	return text.replace(
		/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g,
		(whole, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
			if (name !== undefined) return NAMED_REFERENCES[name] ?? whole;
			const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex!, 16);
			if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
			return String.fromCodePoint(code);
		}
	);
}
