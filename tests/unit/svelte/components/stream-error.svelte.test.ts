import { render, screen } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { createRawSnippet, flushSync } from 'svelte';
import { describe, expect, test, vi } from 'vitest';
import { StreamError } from '../../../../src/lib/core/errors.js';
import StreamErrorView from '../../../../src/lib/svelte/components/stream-error/stream-error.svelte';
import type { StreamErrorSnippetProps } from '../../../../src/lib/svelte/components/stream-error/types.js';
import { FakeStream, httpError } from './fixtures/fake-stream.svelte.js';

describe('StreamErrorView', () => {
	test('renders nothing without an error', () => {
		render(StreamErrorView, { status: 'streaming', error: null });
		expect(screen.queryByRole('alert')).toBeNull();
	});

	test.each([
		[
			new StreamError('network', 'fetch failed'),
			'The connection was lost before the answer finished.'
		],
		[
			new StreamError('disconnected', 'ended early'),
			'The connection dropped before the answer finished.'
		],
		[httpError(503), 'The server had a problem (HTTP 503).'],
		[
			httpError(429, 20_000),
			'Too many requests. The server asked to wait 20 seconds before trying again.'
		],
		[new StreamError('idle_timeout', 'idle'), 'The answer stalled: nothing arrived for too long.'],
		[
			new StreamError('upstream', 'Overloaded, try later'),
			'The model reported an error: Overloaded, try later'
		],
		[new StreamError('aborted', 'aborted'), 'The answer was stopped before it finished.']
	])('says what happened in plain words (%s)', (error, text) => {
		render(StreamErrorView, { error });
		const alert = screen.getByRole('alert');
		expect(alert).toHaveTextContent(text);
		expect(alert).toHaveAttribute('data-llm-error', error.code);
	});

	test('follows a stream: appears when it fails', () => {
		const stream = new FakeStream();
		render(StreamErrorView, { stream });
		expect(screen.queryByRole('alert')).toBeNull();
		stream.error = httpError(500);
		stream.status = 'error';
		flushSync();
		expect(screen.getByRole('alert')).toHaveTextContent('The server had a problem (HTTP 500).');
	});

	test('after stop() without an error object it explains the stop', () => {
		const stream = new FakeStream();
		stream.status = 'aborted';
		render(StreamErrorView, { stream });
		expect(screen.getByRole('alert')).toHaveTextContent(
			'The answer was stopped before it finished.'
		);
	});

	test('an explicit error={null} wins over the stream', () => {
		const stream = new FakeStream();
		stream.status = 'error';
		stream.error = httpError(500);
		render(StreamErrorView, { stream, error: null });
		expect(screen.queryByRole('alert')).toBeNull();
	});

	test('Retry is reachable by keyboard and calls onRetry with the error', async () => {
		const user = userEvent.setup();
		const onRetry = vi.fn();
		const error = new StreamError('network', 'fetch failed');
		render(StreamErrorView, { error, onRetry });
		await user.tab();
		const retry = screen.getByRole('button', { name: 'Retry' });
		expect(retry).toHaveFocus();
		await user.keyboard('{Enter}');
		expect(onRetry).toHaveBeenCalledWith(error);
		await user.keyboard(' ');
		expect(onRetry).toHaveBeenCalledTimes(2);
	});

	test('Retry falls back to stream.retry; onRetry wins when both exist', async () => {
		const user = userEvent.setup();
		const stream = new FakeStream();
		stream.status = 'error';
		stream.error = new StreamError('network', 'x');
		const { rerender } = render(StreamErrorView, { stream });
		await user.click(screen.getByRole('button', { name: 'Retry' }));
		expect(stream.retry).toHaveBeenCalledTimes(1);
		const onRetry = vi.fn();
		await rerender({ stream, onRetry });
		await user.click(screen.getByRole('button', { name: 'Retry' }));
		expect(onRetry).toHaveBeenCalledTimes(1);
		expect(stream.retry).toHaveBeenCalledTimes(1);
	});

	test('no retry handler, no Retry button', () => {
		render(StreamErrorView, { error: new StreamError('network', 'x') });
		expect(screen.queryByRole('button')).toBeNull();
	});

	test('Continue appears only where the answer can be resumed', async () => {
		const user = userEvent.setup();
		const onContinue = vi.fn();
		const dropped = new StreamError('disconnected', 'x');
		const { rerender } = render(StreamErrorView, { error: dropped, onContinue, onRetry: vi.fn() });
		await user.tab();
		expect(screen.getByRole('button', { name: 'Continue' })).toHaveFocus();
		await user.keyboard('{Enter}');
		expect(onContinue).toHaveBeenCalledWith(dropped);

		await rerender({ error: httpError(500), onContinue, onRetry: vi.fn() });
		expect(screen.queryByRole('button', { name: 'Continue' })).toBeNull();
		expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();

		await rerender({ error: httpError(500), onContinue, canContinue: true });
		expect(screen.getByRole('button', { name: 'Continue' })).toBeInTheDocument();
	});

	test('a snippet replaces the body and gets the message and actions', async () => {
		const user = userEvent.setup();
		const onRetry = vi.fn();
		const children = createRawSnippet<[StreamErrorSnippetProps]>((props) => ({
			render: () => '<button type="button"></button>',
			setup(node) {
				node.textContent = `Custom: ${props().message}`;
				node.addEventListener('click', () => props().retry?.());
			}
		}));
		render(StreamErrorView, { error: httpError(502), onRetry, children });
		const alert = screen.getByRole('alert');
		expect(alert).not.toHaveTextContent('Retry');
		await user.click(
			screen.getByRole('button', { name: 'Custom: The server had a problem (HTTP 502).' })
		);
		expect(onRetry).toHaveBeenCalledTimes(1);
	});

	test('live=false renders a group named by the message, not an alert', () => {
		render(StreamErrorView, { error: httpError(500), live: false });
		expect(screen.queryByRole('alert')).toBeNull();
		expect(
			screen.getByRole('group', { name: 'The server had a problem (HTTP 500).' })
		).toBeInTheDocument();
	});

	test('custom labels, describe, class and attributes', () => {
		render(StreamErrorView, {
			error: httpError(500),
			onRetry: vi.fn(),
			retryLabel: 'Try again',
			describe: (e) => `Oops ${e.status}`,
			class: 'mine',
			'data-testid': 'err'
		});
		const alert = screen.getByTestId('err');
		expect(alert).toHaveRole('alert');
		expect(alert).toHaveClass('mine');
		expect(alert).toHaveTextContent('Oops 500');
		expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
	});
});
