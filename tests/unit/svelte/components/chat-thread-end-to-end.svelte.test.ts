import { render, screen, within } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { describe, expect, test, vi } from 'vitest';
import { createChat, type Chat } from '../../../../src/lib/svelte/chat.svelte.js';
import ChatThread from '../../../../src/lib/svelte/components/chat-thread/chat-thread.svelte';
import type { ChatThreadSource } from '../../../../src/lib/svelte/components/chat-thread/types.js';

/** A server fed by hand: every request gets a fresh body the test writes SSE into. */
function controlledServer() {
	const bodies: Array<ReadableStreamDefaultController<Uint8Array>> = [];
	const encoder = new TextEncoder();
	let status = 200;
	const fetch = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
		if (status !== 200) return new Response('busy', { status });
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				bodies.push(controller);
				init?.signal?.addEventListener('abort', () => controller.error(init.signal!.reason));
			}
		});
		return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
	});
	return {
		fetch,
		failWith: (code: number) => (status = code),
		send: (sse: string) => bodies.at(-1)!.enqueue(encoder.encode(sse)),
		close: () => bodies.at(-1)!.close(),
		lastBody: () => JSON.parse(String(fetch.mock.calls.at(-1)![1]!.body))
	};
}

function manualFrames() {
	const queue: Array<() => void> = [];
	return {
		schedule: (run: () => void) => {
			queue.push(run);
			return () => void queue.splice(queue.indexOf(run) >>> 0, 1);
		},
		flush: () => {
			for (const run of queue.splice(0)) run();
			flushSync();
		}
	};
}

/** Yields to the event loop so the fetch promise and the body reader make progress. */
const settle = async () => {
	for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('ChatThread over createChat', () => {
	test('createChat() fits ChatThreadSource', () => {
		const chat: Chat = createChat({ url: '/api/chat' });
		const source: ChatThreadSource = chat; // svelte-check fails here if the contracts drift
		expect(source.status).toBe('idle');
	});

	test('send by keyboard, watch the answer stream in, hear only its start and end', async () => {
		const user = userEvent.setup();
		const server = controlledServer();
		const frames = manualFrames();
		const chat = createChat({ url: '/api/chat', fetch: server.fetch, schedule: frames.schedule });
		const { container } = render(ChatThread, { chat });
		const live = container.querySelector('[aria-live]')!;

		await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Say hello{Enter}');
		flushSync();
		expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue('');
		const [question, answer] = screen.getAllByRole('article');
		expect(question).toHaveAccessibleName('You');
		expect(question).toHaveTextContent('Say hello');
		expect(answer).toHaveAttribute('aria-busy', 'true');
		expect(live).toHaveTextContent('Answer started');
		expect(within(answer).getByRole('img', { name: 'Assistant is typing' })).toBeInTheDocument();

		await settle();
		expect(server.lastBody().messages).toEqual([{ role: 'user', content: 'Say hello' }]);
		server.send('data: Hello\n\n');
		await settle();
		frames.flush();
		expect(answer).toHaveTextContent('Hello');
		expect(container.querySelector('[data-llm-caret]')).not.toBeNull();
		expect(live).toHaveTextContent('Answer started');

		server.send('data:  there\n\nevent: done\ndata: stop\n\n');
		server.close();
		await settle();
		frames.flush();
		expect(answer).toHaveTextContent('Hello there');
		expect(answer).toHaveAttribute('aria-busy', 'false');
		expect(container.querySelector('[data-llm-caret]')).toBeNull();
		expect(live).toHaveTextContent('Answer complete');
	});

	test('Stop keeps the partial answer; a failed answer offers Retry, which asks again', async () => {
		const user = userEvent.setup();
		const server = controlledServer();
		const frames = manualFrames();
		const chat = createChat({
			url: '/api/chat',
			fetch: server.fetch,
			schedule: frames.schedule,
			reconnect: false
		});
		const { container } = render(ChatThread, { chat });
		const live = container.querySelector('[aria-live]')!;

		void chat.send('Tell me a story');
		await settle();
		server.send('data: Once upon\n\n');
		await settle();
		frames.flush();
		await user.click(screen.getByRole('button', { name: 'Stop' }));
		await settle();
		frames.flush();
		expect(chat.status).toBe('aborted');
		expect(screen.getByText('Once upon')).toBeVisible();
		expect(live).toHaveTextContent('Answer stopped');
		expect(screen.getByRole('button', { name: 'Stop' })).toHaveAttribute('aria-disabled', 'true');

		server.failWith(503);
		await user.click(screen.getByRole('button', { name: 'Retry' }));
		await settle();
		frames.flush();
		expect(chat.status).toBe('error');
		expect(live).toHaveTextContent('Answer failed. The server had a problem (HTTP 503).');
		const calls = server.fetch.mock.calls.length;
		await user.click(screen.getByRole('button', { name: 'Retry' }));
		await settle();
		expect(server.fetch.mock.calls.length).toBe(calls + 1);
		expect(screen.getAllByRole('article')).toHaveLength(2);
	});
});
