import { render, screen } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { createRawSnippet, flushSync } from 'svelte';
import { describe, expect, test, vi } from 'vitest';
import StopButton from '../../../../src/lib/svelte/components/stop-button/stop-button.svelte';
import { FakeStream } from './fixtures/fake-stream.svelte.js';

describe('StopButton', () => {
	test.each(['idle', 'done', 'error', 'aborted'] as const)(
		'is disabled and inert when %s',
		async (status) => {
			const user = userEvent.setup();
			const onStop = vi.fn();
			render(StopButton, { status, onStop });
			const button = screen.getByRole('button', { name: 'Stop' });
			expect(button).toHaveAttribute('aria-disabled', 'true');
			await user.click(button);
			button.focus();
			await user.keyboard('{Enter}');
			expect(onStop).not.toHaveBeenCalled();
		}
	);

	test.each(['connecting', 'streaming', 'reconnecting'] as const)(
		'is enabled and stops when %s',
		async (status) => {
			const user = userEvent.setup();
			const onStop = vi.fn();
			render(StopButton, { status, onStop });
			const button = screen.getByRole('button', { name: 'Stop' });
			expect(button).toHaveAttribute('aria-disabled', 'false');
			await user.click(button);
			expect(onStop).toHaveBeenCalledTimes(1);
		}
	);

	test('keyboard: Tab reaches it, Enter and Space stop the stream', async () => {
		const user = userEvent.setup();
		const onStop = vi.fn();
		render(StopButton, { status: 'streaming', onStop });
		await user.tab();
		expect(screen.getByRole('button', { name: 'Stop' })).toHaveFocus();
		await user.keyboard('{Enter}');
		await user.keyboard(' ');
		expect(onStop).toHaveBeenCalledTimes(2);
	});

	test('stops a stream and keeps focus when it becomes disabled', async () => {
		const user = userEvent.setup();
		const stream = new FakeStream();
		stream.status = 'streaming';
		render(StopButton, { stream });
		await user.tab();
		await user.keyboard('{Enter}');
		flushSync();
		expect(stream.stop).toHaveBeenCalledTimes(1);
		const button = screen.getByRole('button', { name: 'Stop' });
		expect(button).toHaveAttribute('aria-disabled', 'true');
		expect(button).toHaveFocus();
	});

	test('onStop wins over stream.stop', async () => {
		const user = userEvent.setup();
		const stream = new FakeStream();
		stream.status = 'streaming';
		const onStop = vi.fn();
		render(StopButton, { stream, onStop });
		await user.click(screen.getByRole('button'));
		expect(onStop).toHaveBeenCalledTimes(1);
		expect(stream.stop).not.toHaveBeenCalled();
	});

	test('disabled forces the disabled state while streaming', async () => {
		const user = userEvent.setup();
		const onStop = vi.fn();
		render(StopButton, { status: 'streaming', onStop, disabled: true });
		await user.click(screen.getByRole('button'));
		expect(screen.getByRole('button')).toHaveAttribute('aria-disabled', 'true');
		expect(onStop).not.toHaveBeenCalled();
	});

	test('an onclick that prevents default cancels the stop', async () => {
		const user = userEvent.setup();
		const onStop = vi.fn();
		render(StopButton, {
			status: 'streaming',
			onStop,
			onclick: (event: MouseEvent) => event.preventDefault()
		});
		await user.click(screen.getByRole('button'));
		expect(onStop).not.toHaveBeenCalled();
	});

	test('label, children, class and attributes', () => {
		const children = createRawSnippet(() => ({ render: () => '<span>■</span>' }));
		render(StopButton, {
			status: 'streaming',
			label: 'Stop generating',
			children,
			class: 'mine',
			title: 'Esc'
		});
		const button = screen.getByRole('button', { name: 'Stop generating' });
		expect(button).toHaveTextContent('■');
		expect(button).toHaveClass('mine');
		expect(button).toHaveAttribute('title', 'Esc');
		expect(button).toHaveAttribute('type', 'button');
	});
});
