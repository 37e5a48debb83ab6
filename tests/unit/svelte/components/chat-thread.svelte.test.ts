import { render, screen, within } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { createRawSnippet, flushSync } from 'svelte';
import { describe, expect, test, vi } from 'vitest';
import ChatThread from '../../../../src/lib/svelte/components/chat-thread/chat-thread.svelte';
import type {
	ChatComposerProps,
	ChatThreadMessageProps
} from '../../../../src/lib/svelte/components/chat-thread/types.js';
import { FakeChat, httpError } from './fixtures/fake-stream.svelte.js';

const LIVE = '[role="status"], [role="alert"], [role="log"], [aria-live]';

function conversation() {
	return new FakeChat([
		{ id: 'u1', role: 'user', content: 'What is SSE?' },
		{ id: 'a1', role: 'assistant', content: 'Server-Sent Events.' },
		{ id: 'u2', role: 'user', content: 'And WebSockets?' }
	]);
}

describe('ChatThread', () => {
	test('shows the conversation in order inside the labelled scrolling region', () => {
		render(ChatThread, { chat: conversation() });
		const history = screen.getByRole('region', { name: 'Conversation' });
		const articles = within(history).getAllByRole('article');
		expect(articles.map((a) => a.getAttribute('aria-label'))).toEqual(['You', 'Assistant', 'You']);
		expect(articles[1]).toHaveTextContent('Server-Sent Events.');
	});

	test('one polite live region for the whole thread, in every state, announcing start, end and failure', () => {
		const chat = conversation();
		const { container } = render(ChatThread, { chat });
		const single = () => {
			const regions = container.querySelectorAll(LIVE);
			expect(regions).toHaveLength(1);
			expect(regions[0]).toHaveAttribute('aria-live', 'polite');
			return regions[0];
		};
		expect(single()).toHaveTextContent('');

		chat.status = 'connecting';
		chat.messages = [...chat.messages, { id: 'a2', role: 'assistant', content: '' }];
		flushSync();
		expect(single()).toHaveTextContent('Answer started');
		expect(screen.getByRole('img', { name: 'Assistant is typing' })).toBeInTheDocument();

		chat.status = 'streaming';
		chat.messages = [
			...chat.messages.slice(0, -1),
			{ id: 'a2', role: 'assistant', content: 'They' }
		];
		flushSync();
		expect(single()).toHaveTextContent('Answer started');

		chat.status = 'error';
		chat.error = httpError(500);
		flushSync();
		expect(single()).toHaveTextContent('Answer failed. The server had a problem (HTTP 500).');
		expect(
			screen.getByRole('group', { name: 'The server had a problem (HTTP 500).' })
		).toBeVisible();

		chat.status = 'done';
		chat.error = null;
		flushSync();
		expect(single()).toHaveTextContent('Answer complete');
	});

	test('only the latest answer is busy and carries the error', () => {
		const chat = new FakeChat([
			{ id: 'u1', role: 'user', content: 'a' },
			{ id: 'a1', role: 'assistant', content: 'first' },
			{ id: 'u2', role: 'user', content: 'b' },
			{ id: 'a2', role: 'assistant', content: 'sec' }
		]);
		chat.status = 'streaming';
		render(ChatThread, { chat });
		const [, first, , latest] = screen.getAllByRole('article');
		expect(first).toHaveAttribute('aria-busy', 'false');
		expect(latest).toHaveAttribute('aria-busy', 'true');
		chat.status = 'error';
		chat.error = httpError(503);
		flushSync();
		expect(within(first).queryByRole('group')).toBeNull();
		expect(within(latest).getByRole('group')).toHaveTextContent('HTTP 503');
	});

	test('keyboard: type, Enter sends and clears, Shift+Enter adds a line, blank sends nothing', async () => {
		const user = userEvent.setup();
		const chat = new FakeChat();
		render(ChatThread, { chat });
		const field = screen.getByRole('textbox', { name: 'Message' });
		await user.click(field);
		await user.keyboard('   {Enter}');
		expect(chat.send).not.toHaveBeenCalled();
		await user.clear(field);
		await user.keyboard('Hello{Shift>}{Enter}{/Shift}there{Enter}');
		expect(chat.send).toHaveBeenCalledWith('Hello\nthere');
		expect(field).toHaveValue('');
		expect(chat.input).toBe('');
		expect(field).toHaveFocus();
	});

	test('the field is bound to chat.input', async () => {
		const user = userEvent.setup();
		const chat = new FakeChat();
		chat.input = 'prefilled';
		render(ChatThread, { chat });
		const field = screen.getByRole('textbox', { name: 'Message' });
		expect(field).toHaveValue('prefilled');
		await user.type(field, '!');
		expect(chat.input).toBe('prefilled!');
		await user.click(screen.getByRole('button', { name: 'Send' }));
		expect(chat.send).toHaveBeenCalledWith('prefilled!');
	});

	test('keyboard: Tab from the field reaches Stop while streaming; Enter stops', async () => {
		const user = userEvent.setup();
		const chat = conversation();
		chat.status = 'streaming';
		render(ChatThread, { chat });
		await user.click(screen.getByRole('textbox', { name: 'Message' }));
		await user.tab();
		const stop = screen.getByRole('button', { name: 'Stop' });
		expect(stop).toHaveFocus();
		expect(stop).toHaveAttribute('aria-disabled', 'false');
		await user.keyboard('{Enter}');
		expect(chat.stop).toHaveBeenCalledTimes(1);
		await user.tab();
		expect(screen.getByRole('button', { name: 'Send' })).toHaveFocus();
	});

	test('Retry on the failed answer regenerates; explicit callbacks win over the chat', async () => {
		const user = userEvent.setup();
		const chat = conversation();
		chat.messages = [...chat.messages, { id: 'a2', role: 'assistant', content: 'Half' }];
		chat.status = 'error';
		chat.error = httpError(502);
		const { rerender } = render(ChatThread, { chat });
		expect(screen.getByText('Half')).toBeVisible();
		await user.click(screen.getByRole('button', { name: 'Retry' }));
		expect(chat.regenerate).toHaveBeenCalledTimes(1);

		const onRetry = vi.fn();
		const onSend = vi.fn();
		await rerender({ chat, onRetry, onSend });
		await user.click(screen.getByRole('button', { name: 'Retry' }));
		expect(onRetry).toHaveBeenCalledTimes(1);
		expect(chat.regenerate).toHaveBeenCalledTimes(1);
		await user.type(screen.getByRole('textbox', { name: 'Message' }), 'x{Enter}');
		expect(onSend).toHaveBeenCalledWith('x');
		expect(chat.send).not.toHaveBeenCalled();
	});

	test('works from plain props without a chat', async () => {
		const user = userEvent.setup();
		const onSend = vi.fn();
		const onStop = vi.fn();
		render(ChatThread, {
			messages: [{ role: 'assistant', text: 'Plain text source' }],
			status: 'streaming',
			onSend,
			onStop
		});
		expect(screen.getByRole('article', { name: 'Assistant' })).toHaveTextContent(
			'Plain text source'
		);
		await user.click(screen.getByRole('button', { name: 'Stop' }));
		expect(onStop).toHaveBeenCalledTimes(1);
		await user.type(screen.getByRole('textbox', { name: 'Message' }), 'hi{Enter}');
		expect(onSend).toHaveBeenCalledWith('hi');
		expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue('');
	});

	test('snippets: empty state, custom message, custom or no composer', async () => {
		const empty = createRawSnippet(() => ({ render: () => '<p>Ask me anything</p>' }));
		const first = render(ChatThread, { chat: new FakeChat(), empty, composer: null });
		expect(screen.getByText('Ask me anything')).toBeVisible();
		expect(screen.queryByRole('textbox')).toBeNull();
		first.unmount();

		const message = createRawSnippet<[ChatThreadMessageProps]>((props) => ({
			render: () => '<p data-testid="custom"></p>',
			setup: (node) => {
				node.textContent = `${props().message.role}:${props().status}`;
			}
		}));
		const onSend = vi.fn();
		const composer = createRawSnippet<[ChatComposerProps]>((props) => ({
			render: () => '<button type="button">Quick reply</button>',
			setup: (node) => node.addEventListener('click', () => props().send('Yes'))
		}));
		render(ChatThread, {
			messages: [{ id: '1', role: 'assistant', content: 'x' }],
			status: 'done',
			message,
			composer,
			onSend
		});
		expect(screen.getByTestId('custom')).toHaveTextContent('assistant:done');
		await userEvent.setup().click(screen.getByRole('button', { name: 'Quick reply' }));
		expect(onSend).toHaveBeenCalledWith('Yes');
	});

	test('class and attributes go to the root', () => {
		render(ChatThread, { chat: new FakeChat(), class: 'mine', 'data-testid': 't' });
		expect(screen.getByTestId('t')).toHaveClass('mine');
		expect(screen.getByTestId('t')).toHaveAttribute('data-llm-thread');
	});
});
