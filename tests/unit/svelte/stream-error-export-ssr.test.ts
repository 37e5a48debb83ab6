import { render } from 'svelte/server';
import { expect, test } from 'vitest';
import { StreamError, StreamErrorView } from '../../../src/lib/index.js';

test('StreamError server-renders the same markup as StreamErrorView', () => {
	const props = { error: new StreamError('network', 'Dropped.') };
	const html = render(StreamError, { props }).body;
	expect(html).toBe(render(StreamErrorView, { props }).body);
	expect(html).toContain('data-llm-error="network"');
	expect(html).toContain('role="alert"');
});
