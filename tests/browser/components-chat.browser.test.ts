import { flushSync } from 'svelte';
import { afterEach, describe, expect, test } from 'vitest';
import { cdp, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { StreamError } from '../../src/lib/core/errors.js';
import ChatMessage from '../../src/lib/svelte/components/chat-message/chat-message.svelte';
import ChatThread from '../../src/lib/svelte/components/chat-thread/chat-thread.svelte';
import { FakeChat } from '../unit/svelte/components/fixtures/fake-stream.svelte.js';
import { axeViolations as violations } from './axe.js';

const toolCall = (complete: boolean) => ({
	id: 't1',
	name: 'get_weather',
	argsText: complete ? '{"city":"Paris"}' : '{"city":"Pa',
	args: undefined,
	complete
});

function thread() {
	const chat = new FakeChat([
		{ id: 'u1', role: 'user', content: 'Weather in Paris?' },
		{ id: 'a1', role: 'assistant', content: '' }
	]);
	return chat;
}

afterEach(async () => {
	await cdp().send('Emulation.setEmulatedMedia', { features: [] });
	document.body.style.background = '';
	document.body.style.color = '';
});

describe.each(['light', 'dark'] as const)('axe-core (%s scheme)', (scheme) => {
	const setScheme = async () => {
		await cdp().send('Emulation.setEmulatedMedia', {
			features: [{ name: 'prefers-color-scheme', value: scheme }]
		});
		document.body.style.background = scheme === 'dark' ? '#0d1117' : '#ffffff';
		document.body.style.color = scheme === 'dark' ? '#e6edf3' : '#1f2328';
	};

	test.each([
		['user', { role: 'user', text: 'Hello?' }, '[data-llm-role="user"]'],
		['connecting', { text: '', status: 'connecting' }, '[data-llm-typing]'],
		['streaming', { text: 'Once upon', status: 'streaming' }, '[data-llm-caret]'],
		[
			'streaming a tool call',
			{ text: 'Checking', status: 'streaming', toolCalls: [toolCall(false)] },
			'[data-llm-tool-call]'
		],
		[
			'error',
			{
				text: 'Half',
				status: 'error',
				error: new StreamError('network', 'x'),
				onRetry: () => {},
				onContinue: () => {}
			},
			'[data-llm-continue]'
		],
		['aborted', { text: 'Half', status: 'aborted' }, '[data-llm-error]'],
		['with reasoning', { text: 'Done', reasoning: 'Hmm', status: 'done' }, 'details'],
		[
			'markdown with code and a table, streaming',
			{
				text: '## Plan\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n```ts\nconst x = 1;\n```\n\nNow **bold',
				status: 'streaming'
			},
			'table'
		],
		['system', { role: 'system', text: 'Be brief.' }, '[data-llm-role="system"]']
	] as const)('ChatMessage %s', async (_, props, selector) => {
		await setScheme();
		const screen = await render(ChatMessage, props);
		expect(screen.container.querySelector(selector)).not.toBeNull();
		expect(await violations(screen.container)).toEqual([]);
	});

	test('ChatThread through connecting, streaming with a tool call, error and done', async () => {
		await setScheme();
		const chat = thread();
		const screen = await render(ChatThread, { chat, style: 'height: 400px' });
		expect(await violations(screen.container)).toEqual([]);

		chat.status = 'connecting';
		flushSync();
		expect(screen.container.querySelector('[data-llm-typing]')).not.toBeNull();
		expect(await violations(screen.container)).toEqual([]);

		chat.status = 'streaming';
		chat.messages = [
			chat.messages[0],
			{ id: 'a1', role: 'assistant', content: 'Let me check.', toolCalls: [toolCall(false)] }
		];
		flushSync();
		expect(screen.container.querySelector('[data-llm-tool-call]')).not.toBeNull();
		expect(await violations(screen.container)).toEqual([]);

		chat.status = 'error';
		chat.error = new StreamError('http_status', 'HTTP 429', { status: 429, retryAfterMs: 5000 });
		flushSync();
		expect(screen.container.querySelector('[data-llm-retry]')).not.toBeNull();
		expect(await violations(screen.container)).toEqual([]);

		chat.status = 'done';
		chat.error = null;
		flushSync();
		expect(await violations(screen.container)).toEqual([]);
	});
});

describe('keyboard in Chromium', () => {
	/** What a sighted keyboard user sees on the focused element. */
	const focusRing = (element: Element | null) => {
		const style = getComputedStyle(element!);
		return `${style.outlineStyle} ${style.outlineWidth}`;
	};

	test('every control of a failed answer is reachable by Tab in order, with a visible focus ring', async () => {
		const chat = new FakeChat([
			{ id: 'u1', role: 'user', content: 'Weather?' },
			{ id: 'a1', role: 'assistant', content: 'Half an answer' }
		]);
		chat.status = 'error';
		chat.error = new StreamError('network', 'x');
		const screen = await render(ChatThread, {
			chat,
			style: 'height: 400px',
			messages: [
				chat.messages[0],
				{ id: 'a1', role: 'assistant', content: 'Half an answer', reasoning: 'Thinking' }
			],
			onContinue: () => {}
		});
		const stops: string[] = [];
		for (let i = 0; i < 7; i++) {
			await userEvent.tab();
			const active = document.activeElement!;
			stops.push(active.getAttribute('aria-label') ?? active.textContent!.trim());
			expect(active.matches(':focus-visible')).toBe(true);
			expect(focusRing(active)).toBe('solid 2px');
		}
		expect(stops).toEqual([
			'Conversation',
			'Reasoning',
			'Continue',
			'Retry',
			'', // the empty message field, named by its <label>
			'Stop',
			'Send'
		]);
		expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Send' }).element());
	});

	test('Enter on the reasoning summary opens it; Enter on Retry regenerates', async () => {
		const chat = new FakeChat([{ id: 'a1', role: 'assistant', content: 'Half' }]);
		chat.status = 'error';
		chat.error = new StreamError('network', 'x');
		const screen = await render(ChatThread, {
			chat,
			messages: [{ id: 'a1', role: 'assistant', content: 'Half', reasoning: 'Because' }]
		});
		await userEvent.tab();
		await userEvent.tab();
		await userEvent.keyboard('{Enter}');
		expect(screen.container.querySelector('details')!.open).toBe(true);
		await expect.element(screen.getByText('Because')).toBeVisible();
		await userEvent.tab();
		await userEvent.keyboard('{Enter}');
		expect(chat.regenerate).toHaveBeenCalledTimes(1);
	});
});
