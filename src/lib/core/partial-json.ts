/**
 * Parses JSON that may be cut off anywhere, returning the best value the text so far supports.
 * Complete JSON parses exactly as `JSON.parse` would. For a prefix: open strings, arrays and objects
 * are closed; a string value is kept as far as it arrived; a key without a complete value, and a
 * literal (`tru`, `nul`) or number that could still change meaning (`-`, `1.`, `1e`) are left out.
 * Returns `undefined` when nothing usable arrived yet or the text is not a JSON prefix at all.
 *
 * Tool-call arguments stream as JSON fragments; this lets a UI show `{"city": "Par` as
 * `{ city: "Par" }` while the rest is on its way.
 *
 * @example
 * ```ts
 * parsePartialJSON('{"city": "Par');        // { city: 'Par' }
 * parsePartialJSON('{"days": [1, 2, 3');    // { days: [1, 2, 3] }
 * parsePartialJSON('{"ok": tr');            // {}
 * ```
 */
export function parsePartialJSON(text: string): unknown {
	if (typeof text !== 'string') {
		throw new TypeError(`parsePartialJSON expects a string, got ${typeof text}.`);
	}
	try {
		return JSON.parse(text);
	} catch {
		// Fall through to the tolerant parser: the text is most likely a prefix.
	}
	const parser = new PrefixParser(text);
	try {
		parser.skipWhitespace();
		const value = parser.value();
		return value === INCOMPLETE ? undefined : value;
	} catch (error) {
		if (error === NOT_JSON) return undefined;
		throw error;
	}
}

/** Marks a value that was cut off before it meant anything. */
const INCOMPLETE = Symbol('incomplete');
/** Thrown when the text cannot be a prefix of any JSON document. */
const NOT_JSON = Symbol('not JSON');

const ESCAPES: Record<string, string> = {
	'"': '"',
	'\\': '\\',
	'/': '/',
	b: '\b',
	f: '\f',
	n: '\n',
	r: '\r',
	t: '\t'
};

class PrefixParser {
	#text: string;
	#at = 0;

	constructor(text: string) {
		this.#text = text;
	}

	get #ended() {
		return this.#at >= this.#text.length;
	}

	skipWhitespace() {
		const text = this.#text;
		while (this.#at < text.length) {
			const c = text.charCodeAt(this.#at);
			if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
			this.#at++;
		}
	}

	value(): unknown {
		if (this.#ended) return INCOMPLETE;
		const c = this.#text[this.#at];
		if (c === '{') return this.#object();
		if (c === '[') return this.#array();
		if (c === '"') return this.#string().value;
		if (c === '-' || (c >= '0' && c <= '9')) return this.#number();
		return this.#literal();
	}

	#object(): Record<string, unknown> {
		const result: Record<string, unknown> = {};
		this.#at++; // {
		for (;;) {
			this.skipWhitespace();
			if (this.#ended) return result;
			if (this.#text[this.#at] === '}') {
				this.#at++;
				return result;
			}
			if (this.#text[this.#at] !== '"') throw NOT_JSON;
			const key = this.#string();
			if (!key.closed) return result;
			this.skipWhitespace();
			if (this.#ended) return result;
			if (this.#text[this.#at] !== ':') throw NOT_JSON;
			this.#at++;
			this.skipWhitespace();
			const value = this.value();
			if (value === INCOMPLETE) return result;
			// defineProperty, not assignment: a "__proto__" key must stay an own property.
			Object.defineProperty(result, key.value, {
				value,
				enumerable: true,
				writable: true,
				configurable: true
			});
			this.skipWhitespace();
			if (this.#ended) return result;
			const next = this.#text[this.#at++];
			if (next === '}') return result;
			if (next !== ',') throw NOT_JSON;
		}
	}

	#array(): unknown[] {
		const result: unknown[] = [];
		this.#at++; // [
		for (;;) {
			this.skipWhitespace();
			if (this.#ended) return result;
			if (this.#text[this.#at] === ']') {
				this.#at++;
				return result;
			}
			const value = this.value();
			if (value === INCOMPLETE) return result;
			result.push(value);
			this.skipWhitespace();
			if (this.#ended) return result;
			const next = this.#text[this.#at++];
			if (next === ']') return result;
			if (next !== ',') throw NOT_JSON;
		}
	}

	#string(): { value: string; closed: boolean } {
		const text = this.#text;
		let at = this.#at + 1; // opening quote
		let value = '';
		let runStart = at;
		for (;;) {
			if (at >= text.length) {
				value += text.slice(runStart);
				break;
			}
			const c = text.charCodeAt(at);
			if (c === 0x22) {
				this.#at = at + 1;
				return { value: value + text.slice(runStart, at), closed: true };
			}
			if (c < 0x20) throw NOT_JSON;
			if (c !== 0x5c) {
				at++;
				continue;
			}
			value += text.slice(runStart, at);
			const escape = text[at + 1];
			if (escape === undefined) break; // a lone backslash at the end: drop it
			if (escape === 'u') {
				const hex = text.slice(at + 2, at + 6);
				if (!/^[0-9a-fA-F]{0,4}$/.test(hex)) throw NOT_JSON;
				if (hex.length < 4) break; // \u12 cut off: drop the unfinished escape
				value += String.fromCharCode(parseInt(hex, 16));
				at += 6;
			} else {
				const decoded = ESCAPES[escape];
				if (decoded === undefined) throw NOT_JSON;
				value += decoded;
				at += 2;
			}
			runStart = at;
		}
		this.#at = text.length;
		// A high surrogate whose partner has not arrived yet would render as garbage.
		const last = value.charCodeAt(value.length - 1);
		if (last >= 0xd800 && last <= 0xdbff) value = value.slice(0, -1);
		return { value, closed: false };
	}

	#number(): number | typeof INCOMPLETE {
		const text = this.#text;
		const match = NUMBER.exec(text.slice(this.#at, this.#at + 400));
		const length = match ? match[0].length : 0;
		// What follows the digits, when it is the very end of the text: "-", "1.", "1e" or "1e-" are
		// numbers still being written, with no value yet.
		const tail = text.length - (this.#at + length) <= 2 ? text.slice(this.#at + length) : null;
		if (!match) {
			if (tail === '-') {
				this.#at = text.length;
				return INCOMPLETE;
			}
			throw NOT_JSON;
		}
		if (tail !== null && /^(?:\.|[eE][+-]?)$/.test(tail)) {
			this.#at = text.length;
			return INCOMPLETE;
		}
		this.#at += length;
		// Digits at the very end may still grow (1 → 12); the value so far is the best guess.
		return Number(match[0]);
	}

	#literal(): unknown {
		const text = this.#text;
		for (const [word, value] of LITERALS) {
			const available = text.slice(this.#at, this.#at + word.length);
			if (available === word) {
				this.#at += word.length;
				return value;
			}
			if (this.#at + available.length === text.length && word.startsWith(available)) {
				this.#at = text.length;
				return INCOMPLETE;
			}
		}
		throw NOT_JSON;
	}
}

const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/;

const LITERALS: ReadonlyArray<readonly [string, unknown]> = [
	['true', true],
	['false', false],
	['null', null]
];
