import { fireEvent, render, screen } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { createRawSnippet, flushSync } from 'svelte';
import { describe, expect, test, vi } from 'vitest';
import StreamViewport from '../../../../src/lib/svelte/components/stream-viewport/stream-viewport.svelte';
import type { StreamViewportJumpProps } from '../../../../src/lib/svelte/components/stream-viewport/types.js';
import { FakeStream } from './fixtures/fake-stream.svelte.js';

const children = createRawSnippet(() => ({ render: () => '<p>Answer text</p>' }));

/** jsdom has no layout: give the scroller a fixed geometry with a clamped, writable scrollTop. */
function layout(scroller: HTMLElement, size = { scrollHeight: 1000, clientHeight: 200 }) {
	let top = 0;
	const max = () => Math.max(0, size.scrollHeight - size.clientHeight);
	Object.defineProperties(scroller, {
		scrollHeight: { configurable: true, get: () => size.scrollHeight },
		clientHeight: { configurable: true, get: () => size.clientHeight },
		scrollTop: {
			configurable: true,
			get: () => top,
			set: (value: number) => (top = Math.min(max(), Math.max(0, value)))
		}
	});
	const scrollTo = async (value: number) => {
		top = Math.min(max(), Math.max(0, value));
		await fireEvent.scroll(scroller);
	};
	return { size, scrollTo, max };
}

function setup(props: Record<string, unknown> = {}) {
	const onPinnedChange = vi.fn();
	const result = render(StreamViewport, { children, onPinnedChange, ...props });
	const scroller = screen.getByRole('region', { name: 'Conversation' });
	const geometry = layout(scroller);
	return { ...result, scroller, onPinnedChange, ...geometry };
}

describe('StreamViewport', () => {
	test('a focusable, labelled scrolling region around the content', () => {
		const { scroller } = setup();
		expect(scroller).toHaveAttribute('tabindex', '0');
		expect(scroller).toHaveTextContent('Answer text');
		expect(scroller).toHaveAttribute('data-llm-pinned');
		expect(screen.queryByRole('button', { name: /jump to latest/i })).toBeNull();
	});

	test('scrolling up releases it and shows "Jump to latest"; back at the bottom it follows again', async () => {
		const { scroller, scrollTo, max, onPinnedChange } = setup();
		await scrollTo(max());
		await scrollTo(max() - 300);
		expect(onPinnedChange).toHaveBeenLastCalledWith(false);
		expect(scroller).not.toHaveAttribute('data-llm-pinned');
		expect(screen.getByRole('button', { name: /jump to latest/i })).toBeInTheDocument();

		await scrollTo(max() - 10);
		expect(onPinnedChange).toHaveBeenLastCalledWith(true);
		expect(screen.queryByRole('button', { name: /jump to latest/i })).toBeNull();
	});

	test('content growing under a pending scroll event does not count as scrolling up', async () => {
		const { scrollTo, max, size, onPinnedChange, scroller } = setup();
		await scrollTo(max());
		size.scrollHeight += 500; // new tokens arrived before the scroll event was handled
		await fireEvent.scroll(scroller);
		expect(onPinnedChange).not.toHaveBeenCalled();
		expect(screen.queryByRole('button', { name: /jump to latest/i })).toBeNull();
	});

	test('while released, new content leaves the reader where they are', async () => {
		const { scroller, scrollTo, max, size } = setup();
		await scrollTo(max());
		await scrollTo(300);
		size.scrollHeight += 500;
		await fireEvent.scroll(scroller);
		expect(scroller.scrollTop).toBe(300);
		expect(screen.getByRole('button', { name: /jump to latest/i })).toBeInTheDocument();
	});

	test('keyboard: Tab to "Jump to latest", Enter scrolls down, follows and focuses the region', async () => {
		const user = userEvent.setup();
		const { scroller, scrollTo, max, onPinnedChange } = setup();
		await scrollTo(max());
		await scrollTo(100);
		await user.tab();
		expect(scroller).toHaveFocus();
		await user.tab();
		const jump = screen.getByRole('button', { name: /jump to latest/i });
		expect(jump).toHaveFocus();
		await user.keyboard('{Enter}');
		expect(scroller.scrollTop).toBe(max());
		expect(onPinnedChange).toHaveBeenLastCalledWith(true);
		expect(jump).not.toBeInTheDocument();
		expect(scroller).toHaveFocus();
	});

	test('a new answer (status back to connecting) follows again', async () => {
		const stream = new FakeStream();
		stream.status = 'done';
		const onPinnedChange = vi.fn();
		render(StreamViewport, { children, stream, onPinnedChange });
		const scroller = screen.getByRole('region', { name: 'Conversation' });
		const { scrollTo, max } = layout(scroller);
		await scrollTo(max());
		await scrollTo(0);
		expect(onPinnedChange).toHaveBeenLastCalledWith(false);
		stream.status = 'connecting';
		flushSync();
		expect(onPinnedChange).toHaveBeenLastCalledWith(true);
		expect(screen.queryByRole('button', { name: /jump to latest/i })).toBeNull();
	});

	test('jump={null} hides the button; a jump snippet replaces it', async () => {
		const first = setup({ jump: null });
		await first.scrollTo(first.max());
		await first.scrollTo(0);
		expect(first.onPinnedChange).toHaveBeenLastCalledWith(false);
		expect(screen.queryByRole('button')).toBeNull();
		first.unmount();

		const user = userEvent.setup();
		const jump = createRawSnippet<[StreamViewportJumpProps]>((props) => ({
			render: () => '<button type="button">New messages</button>',
			setup: (node) => node.addEventListener('click', () => props().jump())
		}));
		const second = setup({ jump });
		await second.scrollTo(second.max());
		await second.scrollTo(0);
		await user.click(screen.getByRole('button', { name: 'New messages' }));
		expect(second.scroller.scrollTop).toBe(second.max());
		expect(second.onPinnedChange).toHaveBeenLastCalledWith(true);
	});

	test('label, jumpLabel, class and attributes', async () => {
		render(StreamViewport, {
			children,
			label: 'Chat history',
			jumpLabel: 'Newest',
			class: 'mine',
			'data-testid': 'vp'
		});
		expect(screen.getByTestId('vp')).toHaveClass('mine');
		const scroller = screen.getByRole('region', { name: 'Chat history' });
		const { scrollTo, max } = layout(scroller);
		await scrollTo(max());
		await scrollTo(0);
		expect(screen.getByRole('button', { name: 'Newest' })).toBeInTheDocument();
	});
});
