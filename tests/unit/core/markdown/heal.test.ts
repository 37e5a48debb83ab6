// @vitest-environment jsdom
import { Marked } from 'marked';
import { describe, expect, test } from 'vitest';
import { healMarkdown } from '../../../../src/lib/core/markdown/heal.js';
import { renderMarkdown } from '../../../../src/lib/core/markdown/render.js';
import { tagNames, urls, visibleText } from './html-inspect.js';

const plainMarked = new Marked({ gfm: true });
const REL = ' rel="noopener noreferrer nofollow"';
const streamed = (text: string) => renderMarkdown(text, { streaming: true });

// One row per healing rule: a prefix of an answer, and what must be shown for it mid-stream.
const rules: Array<{ rule: string; prefix: string; html: string }> = [
	// found by an independent check: healing a marker must not leave a bare one behind
	{ rule: 'a list item with only an opener shows nothing', prefix: '- *', html: '' },
	{ rule: 'a task item with only an opener shows nothing', prefix: '- [ ] **', html: '' },
	{ rule: 'a heading with only an opener shows nothing', prefix: '## `', html: '' },
	{ rule: 'a quote with only an opener shows nothing', prefix: '> `', html: '' },
	{
		rule: 'a later item with only an opener leaves the list as it was',
		prefix: '- a\n- **',
		html: '<ul>\n<li>a</li>\n</ul>\n'
	},
	{
		rule: 'a finished angle autolink at the very end is linked',
		prefix: 'see <https://x.example/a>',
		html: `<p>see <a href="https://x.example/a"${REL}>https://x.example/a</a></p>\n`
	},
	{ rule: 'a definition being typed shows nothing', prefix: '[d]: https://exa', html: '' },
	{ rule: 'a trailing backslash is not shown yet', prefix: 'Escaped \\', html: '<p>Escaped</p>\n' },
	{ rule: 'an escaped backslash at the end stays', prefix: 'two \\\\', html: '<p>two \\</p>\n' },
	{
		rule: 'a header of a table without outer pipes waits',
		prefix: 'Data:\n\nName | Value',
		html: '<p>Data:</p>\n'
	},
	{
		rule: 'a row of a table without outer pipes waits until it has a cell separator',
		prefix: 'Name | Value\n--- | ---\nfoo | 1\nba',
		html: '<table>\n<thead>\n<tr>\n<th>Name</th>\n<th>Value</th>\n</tr>\n</thead>\n<tbody><tr>\n<td>foo</td>\n<td>1</td>\n</tr>\n</tbody></table>\n'
	},
	{
		rule: 'an image starting inside link text shows no !',
		prefix: 'Image link [!',
		html: '<p>Image link</p>\n'
	},
	{ rule: 'a ! that ends a sentence stays', prefix: 'Done!', html: '<p>Done!</p>\n' },
	{
		rule: 'a line after prose with a pipe is prose',
		prefix: 'a | b\nc',
		html: '<p>a | b\nc</p>\n'
	},
	{
		rule: 'a pipe inside a code span is no table',
		prefix: '`a|b` c',
		html: '<p><code>a|b</code> c</p>\n'
	},
	{
		rule: 'a pipe in a paragraph’s later line is prose',
		prefix: 'Text\nUse a | b',
		html: '<p>Text\nUse a | b</p>\n'
	},
	// emphasis and code spans
	{
		rule: 'open ** closes',
		prefix: 'Some **bold te',
		html: '<p>Some <strong>bold te</strong></p>\n'
	},
	{ rule: 'open __ closes', prefix: 'Some __bold', html: '<p>Some <strong>bold</strong></p>\n' },
	{ rule: 'open * closes', prefix: 'an *emph', html: '<p>an <em>emph</em></p>\n' },
	{ rule: 'open _ closes', prefix: 'an _emph', html: '<p>an <em>emph</em></p>\n' },
	{ rule: 'open ~~ closes', prefix: 'was ~~wrong', html: '<p>was <del>wrong</del></p>\n' },
	{ rule: 'open ` closes', prefix: 'run `npm te', html: '<p>run <code>npm te</code></p>\n' },
	{ rule: 'open `` closes', prefix: 'x ``a`b', html: '<p>x <code>a`b</code></p>\n' },
	{
		rule: 'nested ** and * close in order',
		prefix: '**bold *both',
		html: '<p><strong>bold <em>both</em></strong></p>\n'
	},
	{
		rule: 'emphasis around open code closes after it',
		prefix: '**see `cfg',
		html: '<p><strong>see <code>cfg</code></strong></p>\n'
	},
	{
		rule: 'closer goes before trailing space',
		prefix: '**bold ',
		html: '<p><strong>bold</strong></p>\n'
	},
	{ rule: 'bare ** marker is hidden', prefix: 'Some **', html: '<p>Some</p>\n' },
	{ rule: 'bare * marker is hidden', prefix: 'a and *', html: '<p>a and</p>\n' },
	{ rule: 'bare ~~ marker is hidden', prefix: 'a ~~', html: '<p>a</p>\n' },
	{ rule: 'bare ` marker is hidden', prefix: 'run `', html: '<p>run</p>\n' },
	{
		rule: 'closed emphasis untouched',
		prefix: '**a** and *b*',
		html: '<p><strong>a</strong> and <em>b</em></p>\n'
	},
	{ rule: 'intraword * stays literal', prefix: '2*3', html: '<p>2*3</p>\n' },
	{ rule: 'intraword _ stays literal', prefix: 'snake_case', html: '<p>snake_case</p>\n' },
	{ rule: 'spaced * stays literal', prefix: '2 * 3', html: '<p>2 * 3</p>\n' },
	{ rule: 'escaped * stays literal', prefix: '\\*not', html: '<p>*not</p>\n' },
	{
		rule: 'markers inside code are not closed',
		prefix: '`a **b` c',
		html: '<p><code>a **b</code> c</p>\n'
	},
	{
		rule: 'emphasis across lines closes',
		prefix: '**one\ntwo',
		html: '<p><strong>one\ntwo</strong></p>\n'
	},
	{
		rule: 'emphasis in a list item closes',
		prefix: '- a\n- **b',
		html: '<ul>\n<li>a</li>\n<li><strong>b</strong></li>\n</ul>\n'
	},
	{
		rule: 'emphasis in a heading closes',
		prefix: '## **Ti',
		html: '<h2><strong>Ti</strong></h2>\n'
	},
	{
		rule: 'emphasis in a quote closes',
		prefix: '> *qu',
		html: '<blockquote>\n<p><em>qu</em></p>\n</blockquote>\n'
	},
	// fences
	{
		rule: 'unclosed fence is a code block',
		prefix: '```js\nconst a = 1',
		html: '<pre><code class="language-js">const a = 1\n</code></pre>\n'
	},
	{
		rule: 'half closing fence is hidden',
		prefix: '```js\nconst a = 1\n``',
		html: '<pre><code class="language-js">const a = 1\n</code></pre>\n'
	},
	{
		rule: 'markers inside a fence are code',
		prefix: '```\n**x',
		html: '<pre><code>**x\n</code></pre>\n'
	},
	{ rule: 'tilde fence stays open', prefix: '~~~\na\n~', html: '<pre><code>a\n</code></pre>\n' },
	// links and images
	{ rule: 'link text still open shows text', prefix: 'See [the do', html: '<p>See the do</p>\n' },
	{
		rule: 'link without url yet shows text',
		prefix: 'See [the docs]',
		html: '<p>See the docs</p>\n'
	},
	{
		rule: 'link with partial url shows text only',
		prefix: 'See [the docs](https://exa',
		html: '<p>See the docs</p>\n'
	},
	{
		rule: 'reference link being written shows text',
		prefix: 'See [the guide][gu',
		html: '<p>See the guide</p>\n'
	},
	{
		rule: 'emphasis in partial link closes',
		prefix: 'See [**the do',
		html: '<p>See <strong>the do</strong></p>\n'
	},
	{
		rule: 'partial link inside emphasis',
		prefix: '**see [docs](http',
		html: '<p><strong>see docs</strong></p>\n'
	},
	{
		rule: 'complete link kept',
		prefix: 'See [docs](https://example.com) and',
		html: '<p>See <a href="https://example.com" rel="noopener noreferrer nofollow">docs</a> and</p>\n'
	},
	{
		rule: 'partial image shows nothing',
		prefix: 'Look ![a cat](https://img.example/c',
		html: '<p>Look</p>\n'
	},
	{ rule: 'image alt still open shows nothing', prefix: 'Look ![a c', html: '<p>Look</p>\n' },
	{
		rule: 'bare URL still typed is not linked',
		prefix: 'Visit https://exa',
		html: '<p>Visit https://exa</p>\n'
	},
	{
		rule: 'bare URL still typed after _ is not linked',
		prefix: 'Visit _https://exa',
		html: '<p>Visit <em>https://exa</em></p>\n'
	},
	{
		rule: 'bare URL still typed after a dot is not linked',
		prefix: 'Visit x.https://exa',
		html: '<p>Visit x.https://exa</p>\n'
	},
	{
		rule: 'www URL still typed after _ is not linked',
		prefix: 'Visit _www.exa',
		html: '<p>Visit <em>www.exa</em></p>\n'
	},
	{
		rule: 'www URL still typed is not linked',
		prefix: 'Visit www.exa',
		html: '<p>Visit www.exa</p>\n'
	},
	{
		rule: 'bare URL followed by space is linked',
		prefix: 'Visit https://example.com now',
		html: '<p>Visit <a href="https://example.com" rel="noopener noreferrer nofollow">https://example.com</a> now</p>\n'
	},
	{
		rule: 'partial autolink in angle brackets is hidden',
		prefix: 'Visit <https://exa',
		html: '<p>Visit</p>\n'
	},
	// block markers
	{ rule: 'trailing - is not a setext heading', prefix: 'Title\n-', html: '<p>Title</p>\n' },
	{ rule: 'trailing --- is not a setext heading', prefix: 'Title\n---', html: '<p>Title</p>\n' },
	{ rule: 'trailing = is not a setext heading', prefix: 'Title\n==', html: '<p>Title</p>\n' },
	{ rule: 'finished setext line is a heading', prefix: 'Title\n---\n', html: '<h2>Title</h2>\n' },
	{ rule: 'lone list marker is hidden', prefix: '- one\n-', html: '<ul>\n<li>one</li>\n</ul>\n' },
	{
		rule: 'lone list marker with space is hidden',
		prefix: '- one\n- ',
		html: '<ul>\n<li>one</li>\n</ul>\n'
	},
	{
		rule: 'lone ordered marker is hidden',
		prefix: '1. one\n2.',
		html: '<ol>\n<li>one</li>\n</ol>\n'
	},
	{ rule: 'first lone marker shows nothing', prefix: 'Intro\n\n* ', html: '<p>Intro</p>\n' },
	{
		rule: 'lone task box is hidden',
		prefix: '- [x] a\n- [ ',
		html: '<ul>\n<li><input checked="" disabled="" type="checkbox"> a</li>\n</ul>\n'
	},
	{ rule: 'lone heading marker is hidden', prefix: 'Intro\n\n##', html: '<p>Intro</p>\n' },
	// tables
	{ rule: 'table header alone is hidden', prefix: '| a | b |', html: '' },
	{
		rule: 'table header with partial delimiter is hidden',
		prefix: '| a | b |\n| --- | -',
		html: ''
	},
	{
		rule: 'partial last row is hidden',
		prefix: '| a | b |\n| --- | --- |\n| 1 | 2 |\n| 3',
		html: '<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody><tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody></table>\n'
	},
	{
		rule: 'finished row is shown',
		prefix: '| a |\n| - |\n| 1 |\n',
		html: '<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody><tr>\n<td>1</td>\n</tr>\n</tbody></table>\n'
	},
	{
		rule: 'table after a paragraph hides only the table',
		prefix: 'Data:\n\n| a |',
		html: '<p>Data:</p>\n'
	},
	// html
	{ rule: 'half tag name is hidden', prefix: 'hello <di', html: '<p>hello</p>\n' },
	{
		rule: 'half tag with attributes is hidden',
		prefix: 'hello <span class="x',
		html: '<p>hello</p>\n'
	},
	{ rule: 'a lone < is hidden', prefix: 'x <', html: '<p>x</p>\n' },
	{ rule: 'half closing tag is hidden', prefix: 'a <b>x</b', html: '<p>a &lt;b&gt;x</p>\n' },
	{ rule: 'a comparison is not a tag', prefix: 'if a < b then', html: '<p>if a &lt; b then</p>\n' }
];

describe('healing rules (streaming: true)', () => {
	test.each(rules)('$rule', ({ prefix, html }) => {
		expect(streamed(prefix)).toBe(html);
	});

	test.each(rules.filter((r) => !r.prefix.includes('<')))(
		'complete answer is plain marked: $rule',
		({ prefix }) => {
			const complete = renderMarkdown(prefix, { streaming: false });
			expect(complete.replaceAll(REL, '')).toBe(plainMarked.parse(prefix));
		}
	);

	// Rules whose `<` is markdown (an autolink), not raw HTML, are left out.
	test.each(rules.filter((r) => r.prefix.includes('<') && !/<https?:[^>]*>/.test(r.prefix)))(
		'complete answer shows raw HTML as text: $rule',
		({ prefix }) => {
			const complete = renderMarkdown(prefix, { streaming: false });
			expect(visibleText(complete)).toBe(prefix.replace(/\s+/g, ' ').trim());
		}
	);

	test('healMarkdown leaves finished text alone', () => {
		for (const text of [
			'**a** b',
			'```\nx\n```\n',
			'| a |\n| - |\n| 1 |\n',
			'[a](https://b.c) d'
		]) {
			expect(healMarkdown(text)).toBe(text);
		}
	});
});

// Answers made of constructs a model writes. For every prefix, what is shown must be the start of
// the finished answer: no stray markers, no tags, hrefs or elements the finished answer lacks.
const answers: Record<string, string> = {
	prose:
		'# Setting up\n\nInstall it with `npm install kit` and **restart** the *dev* server. ' +
		'This is ~~not~~ optional.\n\nRead [the guide](https://example.com/guide) first.\n',
	lists:
		'Steps:\n\n1. Open **settings**\n2. Pick `theme`\n3. Save\n\n- [x] done\n- [ ] todo with *notes*\n',
	code: 'Run:\n\n```ts\nconst x = 1;\nconsole.log(`x is ${x}`);\n```\n\nThen check the *output*.\n',
	table: 'Results:\n\n| Name | Score |\n| :--- | ----: |\n| Ada | **10** |\n| Bob | 7 |\n\nDone.\n',
	quote: '> **Note**: keep `secrets` out\n> of the *repo*.\n\nThanks.\n',
	setext: 'Intro paragraph\n\nA heading\n---------\n\nBody text.\n'
};

const hrefs = (html: string) => new Set(urls(html));
const tags = (html: string) => new Set(tagNames(html));

describe.each(Object.entries(answers))('every prefix of the %s answer', (_name, answer) => {
	const finished = renderMarkdown(answer);
	const finalText = visibleText(finished);
	const finalHrefs = hrefs(finished);
	const finalTags = tags(finished);

	test('complete answer equals plain marked (no links to decorate)', () => {
		const plain = plainMarked.parse(answer) as string;
		const withoutRel = finished.replaceAll(REL, '');
		expect(withoutRel).toBe(plain);
		expect(renderMarkdown(answer, { streaming: false })).toBe(finished);
	});

	test('shows only what the finished answer will show', () => {
		for (let end = 1; end <= answer.length; end++) {
			const prefix = answer.slice(0, end);
			const html = streamed(prefix);
			const text = visibleText(html);
			expect(
				finalText.startsWith(text),
				`prefix ${JSON.stringify(prefix)} shows ${JSON.stringify(text)}`
			).toBe(true);
			for (const href of hrefs(html))
				expect(finalHrefs, `premature href in ${JSON.stringify(prefix)}`).toContain(href);
			for (const tag of tags(html))
				expect(finalTags, `${tag} in ${JSON.stringify(prefix)}`).toContain(tag);
		}
	});
});
