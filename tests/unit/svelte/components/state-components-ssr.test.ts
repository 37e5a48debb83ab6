import { render } from 'svelte/server';
import { describe, expect, test } from 'vitest';
import { StreamError } from '../../../../src/lib/core/errors.js';
import ChatMessage from '../../../../src/lib/svelte/components/chat-message/chat-message.svelte';
import ChatThread from '../../../../src/lib/svelte/components/chat-thread/chat-thread.svelte';
import StopButton from '../../../../src/lib/svelte/components/stop-button/stop-button.svelte';
import StreamAnnouncer from '../../../../src/lib/svelte/components/stream-announcer/stream-announcer.svelte';
import StreamErrorView from '../../../../src/lib/svelte/components/stream-error/stream-error.svelte';
import StreamViewport from '../../../../src/lib/svelte/components/stream-viewport/stream-viewport.svelte';
import ToolCallView from '../../../../src/lib/svelte/components/tool-call-view/tool-call-view.svelte';
import TypingIndicator from '../../../../src/lib/svelte/components/typing-indicator/typing-indicator.svelte';

/** Markup without hydration comments, so assertions read like HTML. */
const html = (body: string) => body.replace(/<!--[\s\S]*?-->/g, '');

describe('server rendering (no DOM, no window)', () => {
	test('a history renders in full, with nothing busy and nothing announced', () => {
		const messages = [
			{ id: '1', role: 'user' as const, content: 'Hi' },
			{ id: '2', role: 'assistant' as const, content: 'Hello!' }
		];
		const body = html(render(ChatThread, { props: { messages, status: 'done' } }).body);
		expect(body).toContain('aria-label="You"');
		expect(body).toContain('Hello!');
		expect(body).toContain('aria-busy="false"');
		expect(body).not.toContain('aria-busy="true"');
		expect(body).toMatch(/<div role="status" aria-live="polite"[^>]*>\s*Answer complete\s*<\/div>/);
		expect(body).toContain('<textarea');
	});

	test('each state component renders its state as HTML', () => {
		expect(html(render(TypingIndicator, { props: { status: 'connecting' } }).body)).toContain(
			'role="status"'
		);
		expect(
			html(
				render(StreamErrorView, {
					props: { error: new StreamError('idle_timeout', 'x'), onRetry: () => {} }
				}).body
			)
		).toMatch(/role="alert"[\s\S]*The answer stalled[\s\S]*Retry/);
		expect(html(render(StopButton, { props: { status: 'idle' } }).body)).toContain(
			'aria-disabled="true"'
		);
		expect(html(render(StreamViewport, { props: {} }).body)).toContain('data-llm-pinned');
		expect(
			html(
				render(ToolCallView, {
					props: { name: 'f', argsText: '{"a":1}', state: 'complete' }
				}).body
			)
		).toContain('{\n  "a": 1\n}');
		expect(html(render(StreamAnnouncer, { props: { status: 'aborted' } }).body)).toContain(
			'Answer stopped'
		);
		expect(
			html(render(ChatMessage, { props: { text: 'Partial', status: 'streaming' } }).body)
		).toMatch(/aria-busy="true"[\s\S]*Partial[\s\S]*data-llm-caret/);
	});
});
