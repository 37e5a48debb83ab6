import { describe, expect, test } from 'vitest';
import { prettyPartialJSON } from '../../../../src/lib/svelte/components/tool-call-view/pretty-json.js';

const complete = [
	'{"city":"Paris","days":[1,2,3],"units":"metric"}',
	'{ "query" : "svelte \\"runes\\"", "nested": {"a": [ {"b": null}, true, false, -1.5 ] }, "empty": {}, "none": [] }',
	'[1,[2,[3,{}]],"x, y: {z}"]',
	'"just a string"',
	'42'
];

describe('prettyPartialJSON', () => {
	test.each(complete)('lays out complete JSON as JSON.stringify(…, null, 2) does: %s', (text) => {
		expect(prettyPartialJSON(text)).toBe(JSON.stringify(JSON.parse(text), null, 2));
	});

	test.each(complete)('every prefix only ever grows the output: %s', (text) => {
		const full = prettyPartialJSON(text);
		let previous = '';
		for (let end = 0; end <= text.length; end++) {
			const partial = prettyPartialJSON(text.slice(0, end));
			expect(full.startsWith(partial)).toBe(true);
			expect(partial.startsWith(previous)).toBe(true);
			previous = partial;
		}
	});

	test('shows a string value as far as it arrived', () => {
		expect(prettyPartialJSON('{"city":"Par')).toBe('{\n  "city": "Par');
	});

	test('custom indent', () => {
		expect(prettyPartialJSON('{"a":[1]}', '\t')).toBe('{\n\t"a": [\n\t\t1\n\t]\n}');
	});
});
