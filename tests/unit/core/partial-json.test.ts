import { describe, expect, test } from 'vitest';
import { parsePartialJSON } from '../../../src/lib/core/partial-json.js';

const cases: Array<[string, unknown]> = [
	['', undefined],
	['   ', undefined],
	['{', {}],
	['{"', {}],
	['{"ci', {}],
	['{"city"', {}],
	['{"city":', {}],
	['{"city": "', { city: '' }],
	['{"city": "Par', { city: 'Par' }],
	['{"city": "Paris"', { city: 'Paris' }],
	['{"city": "Paris",', { city: 'Paris' }],
	['{"city": "Paris", "n": 1', { city: 'Paris', n: 1 }],
	['{"n": -', {}],
	['{"n": 1.', {}],
	['{"n": 1e', {}],
	['{"n": 1e-', {}],
	['{"n": 1.5e3', { n: 1500 }],
	['{"ok": t', {}],
	['{"ok": tru', {}],
	['{"ok": true', { ok: true }],
	['{"v": nul', {}],
	['{"v": null, "f": false}', { v: null, f: false }],
	['[', []],
	['[1, 2', [1, 2]],
	['[1, 2,', [1, 2]],
	['[{"a": [1, {"b": "x', [{ a: [1, { b: 'x' }] }]],
	['{"a": {"b": {"c": [', { a: { b: { c: [] } } }],
	['"abc', 'abc'],
	['{"s": "a\\', { s: 'a' }],
	['{"s": "a\\n', { s: 'a\n' }],
	['{"s": "a\\u00', { s: 'a' }],
	['{"s": "a\\u00e9', { s: 'aé' }],
	['{"s": "\\ud83d', { s: '' }],
	['{"s": "\\ud83d\\ude00', { s: '😀' }],
	['{"s": "😀 ok', { s: '😀 ok' }],
	['{"__proto__": {"x": 1}', JSON.parse('{"__proto__": {"x": 1}}')],
	['{"a": 1}', { a: 1 }],
	['{"a": 1} trailing', { a: 1 }],
	['nope', undefined],
	['{1: 2}', undefined],
	['{"a" 1}', undefined],
	['[1 2]', undefined],
	['{"s": "\\x"}', undefined]
];

describe('parsePartialJSON', () => {
	for (const [input, expected] of cases) {
		test(JSON.stringify(input), () => {
			expect(parsePartialJSON(input)).toEqual(expected);
		});
	}

	test('every prefix of a document parses, and the whole parses exactly', () => {
		const doc = JSON.stringify({
			query: 'weather in "Zürich" 🌦️',
			days: [1, 2.5, -3e2],
			opts: { metric: true, tz: null, tags: ['a', 'b'] }
		});
		let previous: unknown = undefined;
		for (let i = 0; i <= doc.length; i++) {
			const value = parsePartialJSON(doc.slice(0, i));
			if (i > 0) expect(value).toBeTypeOf('object');
			previous = value;
		}
		expect(previous).toEqual(JSON.parse(doc));
	});

	test('a key that is "__proto__" stays an own property', () => {
		const value = parsePartialJSON('{"__proto__": {"polluted": true}, "a": "x') as Record<
			string,
			unknown
		>;
		expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.keys(value)).toEqual(['__proto__', 'a']);
	});

	test('a non-string argument is a TypeError', () => {
		// @ts-expect-error: deliberately wrong
		expect(() => parsePartialJSON(1)).toThrow(TypeError);
	});
});
