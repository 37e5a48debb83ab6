import { render } from '@testing-library/svelte';
import { createRawSnippet, flushSync } from 'svelte';
import { describe, expect, test } from 'vitest';
import StreamCaret from '../../../../src/lib/svelte/components/stream-caret/stream-caret.svelte';
import { FakeStream } from './fixtures/fake-stream.svelte.js';

describe('StreamCaret', () => {
	test.each(['idle', 'connecting', 'reconnecting', 'done', 'error', 'aborted'] as const)(
		'is absent when %s',
		(status) => {
			const { container } = render(StreamCaret, { status });
			expect(container.querySelector('[data-llm-caret]')).toBeNull();
		}
	);

	test('shows while streaming, hidden from assistive technology', () => {
		const { container } = render(StreamCaret, { status: 'streaming', class: 'mine' });
		const caret = container.querySelector('[data-llm-caret]');
		expect(caret).toBeVisible();
		expect(caret).toHaveAttribute('aria-hidden', 'true');
		expect(caret).toHaveClass('mine');
	});

	test('follows a stream and disappears when it is done', () => {
		const stream = new FakeStream();
		const { container } = render(StreamCaret, { stream });
		expect(container.querySelector('[data-llm-caret]')).toBeNull();
		stream.status = 'streaming';
		flushSync();
		expect(container.querySelector('[data-llm-caret]')).not.toBeNull();
		stream.status = 'done';
		flushSync();
		expect(container.querySelector('[data-llm-caret]')).toBeNull();
	});

	test('explicit status wins over the stream', () => {
		const stream = new FakeStream();
		stream.status = 'streaming';
		const { container } = render(StreamCaret, { stream, status: 'done' });
		expect(container.querySelector('[data-llm-caret]')).toBeNull();
	});

	test('children replaces the glyph', () => {
		const children = createRawSnippet(() => ({ render: () => '<span>▍</span>' }));
		const { container } = render(StreamCaret, { status: 'streaming', children });
		expect(container.querySelector('[data-llm-caret]')).toHaveTextContent('▍');
	});
});
