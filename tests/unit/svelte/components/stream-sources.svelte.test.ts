import { render, screen, within } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { describe, expect, test, vi } from 'vitest';
import type { ChatMessageSource } from '../../../../src/lib/svelte/components/chat-message/types.js';
import ChatMessage from '../../../../src/lib/svelte/components/chat-message/chat-message.svelte';
import type { StopButtonSource } from '../../../../src/lib/svelte/components/stop-button/types.js';
import StopButton from '../../../../src/lib/svelte/components/stop-button/stop-button.svelte';
import type { StreamAnnouncerSource } from '../../../../src/lib/svelte/components/stream-announcer/types.js';
import type { StreamCaretSource } from '../../../../src/lib/svelte/components/stream-caret/types.js';
import type { StreamErrorSource } from '../../../../src/lib/svelte/components/stream-error/types.js';
import type { StreamViewportSource } from '../../../../src/lib/svelte/components/stream-viewport/types.js';
import type { TypingIndicatorSource } from '../../../../src/lib/svelte/components/typing-indicator/types.js';
import {
	createTokenStream,
	type TokenStream
} from '../../../../src/lib/svelte/token-stream.svelte.js';

/** A server the test feeds by hand: each `send` is one network chunk of SSE. */
function controlledServer(status = 200) {
	let controller!: ReadableStreamDefaultController<Uint8Array>;
	const encoder = new TextEncoder();
	const fetch = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
		const body = new ReadableStream<Uint8Array>({
			start(c) {
				controller = c;
				init?.signal?.addEventListener('abort', () => c.error(init.signal!.reason));
			}
		});
		return new Response(status === 200 ? body : 'busy', {
			status,
			headers: { 'content-type': status === 200 ? 'text/event-stream' : 'text/plain' }
		});
	});
	return {
		fetch,
		send: (sse: string) => controller.enqueue(encoder.encode(sse)),
		close: () => controller.close()
	};
}

function manualFrames() {
	const queue: Array<() => void> = [];
	return {
		schedule: (run: () => void) => {
			queue.push(run);
			return () => queue.splice(queue.indexOf(run) >>> 0, 1);
		},
		flush: () => {
			for (const run of queue.splice(0)) run();
			flushSync();
		}
	};
}

/** Lets the fetch promise and the body reader run. */
const settle = async () => {
	for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('the components over a real TokenStream', () => {
	test('TokenStream satisfies every component source type', () => {
		const stream: TokenStream = createTokenStream({ url: '/api/chat' });
		// Compile-time: svelte-check rejects these assignments if the contracts drift apart.
		const sources: [
			TypingIndicatorSource,
			StreamErrorSource,
			StreamCaretSource,
			StopButtonSource,
			StreamViewportSource,
			StreamAnnouncerSource,
			ChatMessageSource
		] = [stream, stream, stream, stream, stream, stream, stream];
		expect(sources.every((source) => source.status === 'idle')).toBe(true);
	});

	test('typing, then text with a caret, then done — and Stop does nothing afterwards', async () => {
		const server = controlledServer();
		const frames = manualFrames();
		const stream = createTokenStream({
			url: '/api/chat',
			fetch: server.fetch,
			schedule: frames.schedule
		});
		const { container } = render(ChatMessage, { stream });
		render(StopButton, { stream });
		const finished = stream.start();
		flushSync();
		const article = screen.getByRole('article', { name: 'Assistant' });
		expect(article).toHaveAttribute('aria-busy', 'true');
		expect(within(article).getByRole('status', { name: 'Assistant is typing' })).toBeVisible();

		await settle();
		server.send('data: Hello\n\n');
		await settle();
		frames.flush();
		expect(article).toHaveTextContent('Hello');
		expect(container.querySelector('[data-llm-caret]')).not.toBeNull();
		expect(within(article).queryByRole('status')).toBeNull();
		expect(screen.getByRole('button', { name: 'Stop' })).toHaveAttribute('aria-disabled', 'false');

		server.send('data:  world\n\nevent: done\ndata: stop\n\n');
		server.close();
		await finished;
		frames.flush();
		expect(article).toHaveTextContent('Hello world');
		expect(article).toHaveAttribute('aria-busy', 'false');
		expect(container.querySelector('[data-llm-caret]')).toBeNull();
		expect(screen.getByRole('button', { name: 'Stop' })).toHaveAttribute('aria-disabled', 'true');
	});

	test('Stop keeps the partial answer and explains the stop', async () => {
		const user = userEvent.setup();
		const server = controlledServer();
		const frames = manualFrames();
		const stream = createTokenStream({
			url: '/api/chat',
			fetch: server.fetch,
			schedule: frames.schedule
		});
		render(ChatMessage, { stream });
		render(StopButton, { stream });
		const finished = stream.start();
		await settle();
		server.send('data: Half an\n\n');
		await settle();
		frames.flush();
		await user.click(screen.getByRole('button', { name: 'Stop' }));
		await finished;
		frames.flush();
		expect(stream.status).toBe('aborted');
		expect(screen.getByText('Half an')).toBeVisible();
		expect(screen.getByRole('alert')).toHaveTextContent(
			'The answer was stopped before it finished.'
		);
	});

	test('an HTTP error shows in plain words and Retry calls stream.retry', async () => {
		const user = userEvent.setup();
		const server = controlledServer(503);
		const frames = manualFrames();
		const stream = createTokenStream({
			url: '/api/chat',
			fetch: server.fetch,
			schedule: frames.schedule,
			reconnect: false
		});
		render(ChatMessage, { stream });
		await stream.start();
		frames.flush();
		expect(stream.status).toBe('error');
		const alert = screen.getByRole('alert');
		expect(alert).toHaveTextContent('The server had a problem (HTTP 503).');
		const calls = server.fetch.mock.calls.length;
		await user.click(within(alert).getByRole('button', { name: 'Retry' }));
		await settle();
		expect(server.fetch.mock.calls.length).toBeGreaterThan(calls);
	});
});
