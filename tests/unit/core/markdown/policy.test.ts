import { describe, expect, test } from 'vitest';
import { insertCaret } from '../../../../src/lib/core/markdown/caret.js';
import { decodeCharacterReferences } from '../../../../src/lib/core/markdown/escape.js';
import {
	isAllowedImage,
	isAllowedLink,
	resolveImagePolicy,
	resolveLinkPolicy,
	urlScheme
} from '../../../../src/lib/core/markdown/policy.js';

describe('urlScheme reads a URL the way the WHATWG URL parser does', () => {
	test.each([
		['https://a.example', 'https:'],
		['  JavaScript:alert(1)', 'javascript:'],
		['\u0001\u0002javascript:x', 'javascript:'],
		['java\tscr\nipt:x', 'javascript:'],
		['/relative/path', null],
		['#fragment', null],
		['1http://x', null],
		['mailto:a@b.c', 'mailto:']
	])('%j → %s', (url, scheme) => {
		expect(urlScheme(url)).toBe(scheme);
	});
});

describe('link and image policies', () => {
	const links = resolveLinkPolicy(undefined);
	const images = resolveImagePolicy(undefined);

	test.each([
		['https://a.example/x', true],
		['HTTP://a.example', true],
		['mailto:me@a.example', true],
		['/docs', true],
		['&#106;avascript:alert(1)', false],
		['javascript&colon;alert(1)', false],
		['data:text/html,<b>', false],
		['ftp://a.example', false],
		['tel:123', false]
	])('link %j allowed: %s', (url, allowed) => {
		expect(isAllowedLink(url, links)).toBe(allowed);
	});

	test.each([
		['https://img.example/a.png', true],
		['//img.example/a.png', true],
		['http://img.example/a.png', false],
		['/a.png', false],
		['data:image/png;base64,AAAA', true],
		['data:image/webp;base64,AAAA', true],
		['data:image/svg+xml;base64,AAAA', false],
		['data:text/html;base64,AAAA', false],
		['javascript:alert(1)', false]
	])('image %j allowed: %s', (url, allowed) => {
		expect(isAllowedImage(url, images)).toBe(allowed);
	});

	test('origins limit where images come from', () => {
		const only = resolveImagePolicy({ origins: ['https://cdn.example.com/'] });
		expect(isAllowedImage('https://cdn.example.com/a.png', only)).toBe(true);
		expect(isAllowedImage('https://evil.example/a.png?d=secret', only)).toBe(false);
		expect(isAllowedImage('//evil.example/a.png', only)).toBe(false);
	});
});

test('character references are decoded as CommonMark does in destinations', () => {
	expect(decodeCharacterReferences('&#106;&#X61;va&Tab;&colon;&unknown;')).toBe('java\t:&unknown;');
});

test.each([
	['<p>text</p>\n', '<p>text|</p>\n'],
	['<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n', '<ul>\n<li>a</li>\n<li>b|</li>\n</ul>\n'],
	['<p>a <strong>b</strong></p>\n', '<p>a <strong>b|</strong></p>\n'],
	['<hr>\n', '<hr>\n|'],
	// Never inside code or a table, however deep.
	['<p>run <code>ls</code></p>\n', '<p>run <code>ls</code>|</p>\n'],
	[
		'<ul>\n<li><p>step</p>\n<pre><code class="language-js">const b\n</code></pre>\n</li>\n</ul>\n',
		'<ul>\n<li><p>step</p>\n<pre><code class="language-js">const b\n</code></pre>|\n</li>\n</ul>\n'
	],
	[
		'<blockquote>\n<table>\n<tbody><tr>\n<td>3</td>\n</tr>\n</tbody></table>\n</blockquote>\n',
		'<blockquote>\n<table>\n<tbody><tr>\n<td>3</td>\n</tr>\n</tbody></table>|\n</blockquote>\n'
	]
])('insertCaret puts the caret after the last text: %j', (html, expected) => {
	expect(insertCaret(html, '|')).toBe(expected);
});
