import { render, screen } from '@testing-library/svelte';
import { createRawSnippet, flushSync } from 'svelte';
import { afterEach, describe, expect, test, vi } from 'vitest';
import TypingIndicator from '../../../../src/lib/svelte/components/typing-indicator/typing-indicator.svelte';
import { FakeStream } from './fixtures/fake-stream.svelte.js';

afterEach(() => vi.useRealTimers());

describe('TypingIndicator', () => {
	test.each(['idle', 'done', 'error', 'aborted'] as const)('renders nothing when %s', (status) => {
		const { container } = render(TypingIndicator, { status, text: '' });
		expect(screen.queryByRole('status')).toBeNull();
		expect(container.querySelector('[data-llm-typing]')).toBeNull();
	});

	test('while connecting it is a status named after what it waits for', () => {
		render(TypingIndicator, { status: 'connecting' });
		const status = screen.getByRole('status', { name: 'Assistant is typing' });
		expect(status).toHaveTextContent('Assistant is typing');
		expect(status).toHaveAttribute('data-llm-typing', 'waiting');
		expect(status.querySelector('[data-llm-typing-dots]')).toHaveAttribute('aria-hidden', 'true');
	});

	test('stays until the first token, then hides', async () => {
		const { rerender } = render(TypingIndicator, { status: 'streaming', text: '' });
		expect(screen.getByRole('status')).toBeInTheDocument();
		await rerender({ status: 'streaming', text: 'Hel' });
		expect(screen.queryByRole('status')).toBeNull();
	});

	test('says that it reconnects', () => {
		render(TypingIndicator, { status: 'reconnecting', text: 'partial' });
		expect(screen.getByRole('status', { name: 'Connection lost, reconnecting' })).toHaveTextContent(
			'Connection lost, reconnecting'
		);
	});

	test('follows a stream, and explicit props win over it', async () => {
		const stream = new FakeStream();
		const { rerender } = render(TypingIndicator, { stream });
		expect(screen.queryByRole('status')).toBeNull();
		stream.status = 'connecting';
		flushSync();
		expect(screen.getByRole('status')).toBeInTheDocument();
		stream.status = 'streaming';
		stream.text = 'Hi';
		flushSync();
		expect(screen.queryByRole('status')).toBeNull();
		await rerender({ stream, status: 'connecting' });
		expect(screen.getByRole('status')).toBeInTheDocument();
	});

	test('comes back during a long pause when pauseMs is set', async () => {
		vi.useFakeTimers();
		const { rerender } = render(TypingIndicator, {
			status: 'streaming',
			text: 'Hello',
			pauseMs: 1000
		});
		vi.advanceTimersByTime(999);
		flushSync();
		expect(screen.queryByRole('status')).toBeNull();
		vi.advanceTimersByTime(1);
		flushSync();
		expect(screen.getByRole('status')).toHaveAttribute('data-llm-typing', 'paused');
		await rerender({ status: 'streaming', text: 'Hello world', pauseMs: 1000 });
		expect(screen.queryByRole('status')).toBeNull();
	});

	test('without pauseMs a pause shows nothing', () => {
		vi.useFakeTimers();
		render(TypingIndicator, { status: 'streaming', text: 'Hello' });
		vi.advanceTimersByTime(60_000);
		flushSync();
		expect(screen.queryByRole('status')).toBeNull();
	});

	test('live=false makes it a labelled image instead of a live region', () => {
		render(TypingIndicator, { status: 'connecting', live: false, label: 'Thinking' });
		expect(screen.queryByRole('status')).toBeNull();
		expect(screen.getByRole('img', { name: 'Thinking' })).toBeInTheDocument();
	});

	test('children replaces the dots; null keeps only the label', async () => {
		const children = createRawSnippet(() => ({ render: () => '<em>thinking…</em>' }));
		const { rerender } = render(TypingIndicator, { status: 'connecting', children });
		const status = screen.getByRole('status');
		expect(status.querySelector('em')).toHaveTextContent('thinking…');
		expect(status.querySelector('[data-llm-typing-dots]')).toBeNull();
		await rerender({ status: 'connecting', children: null });
		expect(screen.getByRole('status').querySelector('em')).toBeNull();
		expect(screen.getByRole('status', { name: 'Assistant is typing' })).toBeInTheDocument();
	});

	test('passes class and other attributes to the root', () => {
		render(TypingIndicator, { status: 'connecting', class: 'mine', id: 'typing' });
		const status = screen.getByRole('status');
		expect(status).toHaveClass('mine');
		expect(status).toHaveClass('llm-typing');
		expect(status).toHaveAttribute('id', 'typing');
	});
});
