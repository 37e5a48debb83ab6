import { render } from 'svelte/server';
import { expect, test } from 'vitest';
import { renderMarkdown } from '../../../../src/lib/core/markdown/render.js';
import StreamingMarkdown from '../../../../src/lib/svelte/components/streaming-markdown/streaming-markdown.svelte';

const answer =
	'# Done\n\nA **finished** answer with [a link](https://example.com).\n\n```ts\nconst a = 1;\n```\n';

test('server-renders a finished answer: the same HTML as renderMarkdown, plain code, no caret', () => {
	const { body: raw } = render(StreamingMarkdown, { props: { source: answer, streaming: false } });
	// Drop hydration markers and scoped-style classes to compare markup.
	const body = raw.replace(/<!--[\s\S]*?-->/g, '').replace(/ svelte-[a-z0-9]+/g, '');
	for (const part of renderMarkdown(answer).split('<pre>')[0].split('\n').filter(Boolean)) {
		expect(body).toContain(part);
	}
	expect(body).toContain('<code class="language-ts">const a = 1;\n</code>');
	expect(body).toContain('data-llm-copy');
	expect(body).not.toContain('data-llm-caret');
	expect(body).not.toMatch(/style="color/);
});

test('server-renders a streamed prefix healed, with the caret', () => {
	const { body: raw } = render(StreamingMarkdown, {
		props: { source: 'Some **bold te', streaming: true }
	});
	const body = raw.replace(/<!--[\s\S]*?-->/g, '');
	expect(body).toContain('<p>Some <strong>bold te<span class="llm-md-caret"');
	expect(body).not.toContain('**');
});

test('untrusted text is safe in server output', () => {
	const { body } = render(StreamingMarkdown, {
		props: { source: '<script>alert(1)</script> [x](javascript:alert(1))', streaming: false }
	});
	expect(body).not.toContain('<script>');
	expect(body).not.toContain('href="javascript');
});
