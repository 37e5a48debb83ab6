import { render, screen, within } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { createRawSnippet, flushSync } from 'svelte';
import { describe, expect, test, vi } from 'vitest';
import { StreamError } from '../../../../src/lib/core/errors.js';
import ChatMessage from '../../../../src/lib/svelte/components/chat-message/chat-message.svelte';
import type { ChatMessageContentProps } from '../../../../src/lib/svelte/components/chat-message/types.js';
import { FakeStream, httpError } from './fixtures/fake-stream.svelte.js';

const caret = (container: HTMLElement) => container.querySelector('[data-llm-caret]');

describe('ChatMessage', () => {
	test('a user message: named "You", its text, nothing busy', () => {
		render(ChatMessage, { message: { id: '1', role: 'user', content: 'Hello?' } });
		const article = screen.getByRole('article', { name: 'You' });
		expect(article).toHaveTextContent('Hello?');
		expect(article).toHaveAttribute('aria-busy', 'false');
		expect(screen.queryByRole('status')).toBeNull();
	});

	test('connecting: busy, with the typing indicator and no text yet', () => {
		const { container } = render(ChatMessage, {
			role: 'assistant',
			text: '',
			status: 'connecting'
		});
		const article = screen.getByRole('article', { name: 'Assistant' });
		expect(article).toHaveAttribute('aria-busy', 'true');
		expect(within(article).getByRole('status', { name: 'Assistant is typing' })).toBeVisible();
		expect(caret(container)).toBeNull();
	});

	test('streaming: the text so far with a caret, still busy; done: caret gone, not busy', async () => {
		const { container, rerender } = render(ChatMessage, { text: 'Once upon', status: 'streaming' });
		const article = screen.getByRole('article', { name: 'Assistant' });
		expect(article).toHaveTextContent('Once upon');
		expect(article).toHaveAttribute('aria-busy', 'true');
		expect(caret(container)).not.toBeNull();
		expect(screen.queryByRole('status')).toBeNull();
		await rerender({ text: 'Once upon a time.', status: 'done' });
		expect(article).toHaveTextContent('Once upon a time.');
		expect(article).toHaveAttribute('aria-busy', 'false');
		expect(caret(container)).toBeNull();
	});

	test('reconnecting: the text so far stays, busy, and it says it is reconnecting', () => {
		const { container } = render(ChatMessage, { text: 'So far', status: 'reconnecting' });
		const article = screen.getByRole('article', { name: 'Assistant' });
		expect(article).toHaveTextContent('So far');
		expect(article).toHaveAttribute('aria-busy', 'true');
		expect(
			within(article).getByRole('status', { name: 'Connection lost, reconnecting' })
		).toBeVisible();
		expect(caret(container)).toBeNull();
		expect(within(article).queryByRole('alert')).toBeNull();
	});

	test('error: the partial answer stays, the explanation and Retry come after it', async () => {
		const user = userEvent.setup();
		const onRetry = vi.fn();
		const error = new StreamError('disconnected', 'ended early');
		render(ChatMessage, { text: 'The first half', status: 'error', error, onRetry });
		const article = screen.getByRole('article', { name: 'Assistant' });
		expect(article).toHaveAttribute('aria-busy', 'false');
		const partial = within(article).getByText('The first half');
		const alert = within(article).getByRole('alert');
		expect(alert).toHaveTextContent('The connection dropped before the answer finished.');
		expect(partial.compareDocumentPosition(alert) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
		await user.tab();
		expect(within(alert).getByRole('button', { name: 'Retry' })).toHaveFocus();
		await user.keyboard('{Enter}');
		expect(onRetry).toHaveBeenCalledWith(error);
	});

	test('stopped: the partial answer stays with a note that it was stopped', () => {
		render(ChatMessage, { text: 'Half', status: 'aborted' });
		expect(screen.getByText('Half')).toBeVisible();
		expect(screen.getByRole('alert')).toHaveTextContent(
			'The answer was stopped before it finished.'
		);
	});

	test('follows a stream through its states', () => {
		const stream = new FakeStream();
		const { container } = render(ChatMessage, { stream });
		const article = screen.getByRole('article');
		stream.status = 'connecting';
		flushSync();
		expect(screen.getByRole('status')).toBeInTheDocument();
		stream.status = 'streaming';
		stream.text = 'Hi';
		flushSync();
		expect(article).toHaveTextContent('Hi');
		expect(caret(container)).not.toBeNull();
		stream.status = 'error';
		stream.error = httpError(502);
		flushSync();
		expect(article).toHaveTextContent('Hi');
		expect(screen.getByRole('alert')).toHaveTextContent('HTTP 502');
		expect(within(screen.getByRole('alert')).getByRole('button', { name: 'Retry' })).toBeVisible();
	});

	test('tool calls show below the text, failed when the answer broke off', async () => {
		const toolCalls = [
			{ id: 'a', name: 'search', argsText: '{"q":"x"}', args: { q: 'x' }, complete: true },
			{ id: 'b', name: 'fetch_page', argsText: '{"url":"htt', args: undefined, complete: false }
		];
		const { rerender } = render(ChatMessage, {
			text: 'Let me look.',
			toolCalls,
			status: 'streaming'
		});
		expect(screen.getByRole('group', { name: 'Tool call: search' })).toHaveTextContent(
			'Arguments complete'
		);
		expect(screen.getByRole('group', { name: 'Tool call: fetch_page' })).toHaveTextContent(
			'Writing arguments'
		);
		await rerender({ text: 'Let me look.', toolCalls, status: 'error', error: httpError(500) });
		expect(screen.getByRole('group', { name: 'Tool call: fetch_page' })).toHaveTextContent(
			'Failed'
		);
	});

	test('reasoning sits in a collapsed disclosure above the answer', () => {
		const { container } = render(ChatMessage, { text: 'Answer', reasoning: 'Thinking it over' });
		const details = container.querySelector('details')!;
		expect(details.open).toBe(false);
		expect(within(details).getByText('Reasoning').tagName).toBe('SUMMARY');
		expect(details.textContent).toContain('Thinking it over');
		const answer = screen.getByText('Answer');
		expect(details.compareDocumentPosition(answer) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
	});

	test('assistant text renders as markdown; user text stays literal', () => {
		const { container } = render(ChatMessage, { text: 'Use **runes**.', status: 'done' });
		expect(container.querySelector('strong')).toHaveTextContent('runes');
		expect(screen.getByRole('article')).not.toHaveTextContent('**');
		const user = render(ChatMessage, { role: 'user', text: 'Use **runes**.' });
		expect(user.container.querySelector('strong')).toBeNull();
		expect(within(user.container).getByRole('article', { name: 'You' })).toHaveTextContent(
			'Use **runes**.'
		);
	});

	test('a content snippet renders the text (e.g. as markdown) and knows whether it streams', () => {
		const content = createRawSnippet<[ChatMessageContentProps]>((props) => ({
			render: () => '<div data-testid="md"></div>',
			setup: (node) => {
				node.textContent = `${props().text}|${props().streaming}`;
			}
		}));
		render(ChatMessage, { text: '**hi**', status: 'streaming', content });
		expect(screen.getByTestId('md')).toHaveTextContent('**hi**|true');
	});

	test('live=false: no live regions of its own', () => {
		render(ChatMessage, { text: '', status: 'connecting', live: false });
		expect(screen.queryByRole('status')).toBeNull();
		expect(screen.getByRole('img', { name: 'Assistant is typing' })).toBeInTheDocument();
	});

	test('class, attributes and children', () => {
		const children = createRawSnippet(() => ({ render: () => '<button>Copy</button>' }));
		render(ChatMessage, { text: 'x', class: 'mine', 'data-testid': 'm', children });
		expect(screen.getByTestId('m')).toHaveClass('mine');
		expect(within(screen.getByTestId('m')).getByRole('button', { name: 'Copy' })).toBeVisible();
	});
});
