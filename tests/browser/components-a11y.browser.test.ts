import { createRawSnippet, type Component } from 'svelte';
import { afterEach, describe, expect, test } from 'vitest';
import { cdp, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { StreamError } from '../../src/lib/core/errors.js';
import StopButton from '../../src/lib/svelte/components/stop-button/stop-button.svelte';
import StreamAnnouncer from '../../src/lib/svelte/components/stream-announcer/stream-announcer.svelte';
import StreamCaret from '../../src/lib/svelte/components/stream-caret/stream-caret.svelte';
import StreamErrorView from '../../src/lib/svelte/components/stream-error/stream-error.svelte';
import StreamViewport from '../../src/lib/svelte/components/stream-viewport/stream-viewport.svelte';
import ToolCallView from '../../src/lib/svelte/components/tool-call-view/tool-call-view.svelte';
import TypingIndicator from '../../src/lib/svelte/components/typing-indicator/typing-indicator.svelte';
import { axeViolations as violations } from './axe.js';

/** Guards against a vacuous scan: the state under test must actually have rendered something. */
async function scan<Props extends object>(
	component: Component<Props>,
	props: NoInfer<Props>,
	expectSelector: string
) {
	const screen = await render(component, props);
	expect(screen.container.querySelector(expectSelector)).not.toBeNull();
	expect(await violations(screen.container)).toEqual([]);
	return screen;
}

const errors = [
	new StreamError('network', 'fetch failed'),
	new StreamError('disconnected', 'ended'),
	new StreamError('http_status', 'HTTP 503', { status: 503 }),
	new StreamError('http_status', 'HTTP 429', { status: 429, retryAfterMs: 30_000 }),
	new StreamError('idle_timeout', 'idle'),
	new StreamError('upstream', 'Overloaded'),
	new StreamError('aborted', 'aborted')
];

const call = (argsText: string, complete: boolean) => ({
	id: '1',
	name: 'get_weather',
	argsText,
	args: undefined,
	complete
});

const lines = createRawSnippet(() => ({
	render: () => `<div>${Array.from({ length: 40 }, (_, i) => `<p>Line ${i}</p>`).join('')}</div>`
}));

const schemes = ['light', 'dark'] as const;

afterEach(async () => {
	await cdp().send('Emulation.setEmulatedMedia', { features: [] });
	document.body.style.background = '';
	document.body.style.color = '';
});

describe.each(schemes)('axe-core finds no violations (%s scheme)', (scheme) => {
	const setScheme = async () => {
		await cdp().send('Emulation.setEmulatedMedia', {
			features: [{ name: 'prefers-color-scheme', value: scheme }]
		});
		// The host page's own background, as an app following the same preference would paint it.
		document.body.style.background = scheme === 'dark' ? '#0d1117' : '#ffffff';
		document.body.style.color = scheme === 'dark' ? '#e6edf3' : '#1f2328';
	};

	test.each(['connecting', 'reconnecting'] as const)('TypingIndicator %s', async (status) => {
		await setScheme();
		await scan(TypingIndicator, { status }, '[data-llm-typing]');
		await scan(TypingIndicator, { status, live: false }, '[data-llm-typing]');
	});

	test.each(errors.map((error) => [error.code + (error.status ?? ''), error] as const))(
		'StreamErrorView %s with Retry and Continue',
		async (_, error) => {
			await setScheme();
			const props = { error, onRetry: () => {}, onContinue: () => {}, canContinue: true };
			await scan(StreamErrorView, props, '[data-llm-continue]');
			await scan(StreamErrorView, { ...props, live: false }, '[data-llm-retry]');
		}
	);

	test('StreamCaret streaming', async () => {
		await setScheme();
		await scan(StreamCaret, { status: 'streaming' }, '[data-llm-caret]');
	});

	test.each(['idle', 'streaming'] as const)('StopButton %s, focused', async (status) => {
		await setScheme();
		const screen = await scan(StopButton, { status, onStop: () => {} }, '[data-llm-stop]');
		await userEvent.tab();
		expect(document.activeElement).toBe(screen.container.querySelector('[data-llm-stop]'));
		expect(await violations(screen.container)).toEqual([]);
	});

	test('StreamViewport pinned and released (jump button shown)', async () => {
		await setScheme();
		const screen = await scan(
			StreamViewport,
			{ children: lines, style: 'height: 120px' },
			'[data-llm-pinned]'
		);
		const scroller = screen.container.querySelector<HTMLElement>('[data-llm-viewport-scroller]')!;
		await userEvent.wheel(scroller, { delta: { y: -400 } });
		await expect.element(screen.getByRole('button', { name: /jump to latest/i })).toBeVisible();
		expect(await violations(screen.container)).toEqual([]);
	});

	test.each([
		['streaming', call('{"city":"Par', false), undefined],
		['complete', call('{"city":"Paris"}', true), undefined],
		['error', call('{"city":"Paris"}', true), 'error']
	] as const)('ToolCallView %s', async (_, toolCall, state) => {
		await setScheme();
		await scan(ToolCallView, { toolCall, state }, '[data-llm-tool-args]');
	});

	test.each(['idle', 'streaming', 'done', 'error', 'aborted'] as const)(
		'StreamAnnouncer %s',
		async (status) => {
			await setScheme();
			await scan(
				StreamAnnouncer,
				{ status, error: new StreamError('network', 'x') },
				'[data-llm-announcer]'
			);
		}
	);
});
