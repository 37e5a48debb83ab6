import { afterEach, describe, expect, test } from 'vitest';
import { cdp } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { StreamError } from '../../src/lib/core/errors.js';
import StreamCaret from '../../src/lib/svelte/components/stream-caret/stream-caret.svelte';
import StreamErrorView from '../../src/lib/svelte/components/stream-error/stream-error.svelte';
import StreamingMarkdown from '../../src/lib/svelte/components/streaming-markdown/streaming-markdown.svelte';
import TypingIndicator from '../../src/lib/svelte/components/typing-indicator/typing-indicator.svelte';

type MediaFeature = { name: 'prefers-reduced-motion' | 'prefers-color-scheme'; value: string };
const emulate = (features: MediaFeature[]) =>
	cdp().send('Emulation.setEmulatedMedia', { features });

afterEach(async () => {
	await emulate([]);
});

const style = (element: Element | null) => getComputedStyle(element!);

describe('reduced motion', () => {
	test('the typing dots and the caret animate by default', async () => {
		const typing = await render(TypingIndicator, { status: 'connecting' });
		const caret = await render(StreamCaret, { status: 'streaming' });
		expect(matchMedia('(prefers-reduced-motion: reduce)').matches).toBe(false);
		const dot = typing.container.querySelector('.llm-typing-dot');
		expect(style(dot).animationName).toMatch(/llm-typing-pulse/);
		expect(style(dot).animationDuration).toBe('1.2s');
		const glyph = caret.container.querySelector('[data-llm-caret]');
		expect(style(glyph).animationName).toMatch(/llm-caret-blink/);
	});

	test('prefers-reduced-motion: reduce turns every animation off', async () => {
		await emulate([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
		expect(matchMedia('(prefers-reduced-motion: reduce)').matches).toBe(true);
		const typing = await render(TypingIndicator, { status: 'connecting' });
		const caret = await render(StreamCaret, { status: 'streaming' });
		for (const dot of typing.container.querySelectorAll('.llm-typing-dot')) {
			expect(style(dot).animationName).toBe('none');
		}
		expect(style(caret.container.querySelector('[data-llm-caret]')).animationName).toBe('none');
		// Still visible: motion is removed, not the indicator.
		expect(style(typing.container.querySelector('.llm-typing-dot')).opacity).not.toBe('0');
	});
});

describe('theming', () => {
	const LIGHT_DANGER = 'rgb(207, 34, 46)';
	const DARK_DANGER = 'rgb(248, 81, 73)';
	const renderError = () => render(StreamErrorView, { error: new StreamError('network', 'x') });
	const border = (container: HTMLElement) =>
		style(container.querySelector('[data-llm-error]')).borderTopColor;

	test('follows prefers-color-scheme', async () => {
		await emulate([{ name: 'prefers-color-scheme', value: 'light' }]);
		const { container } = await renderError();
		expect(border(container)).toBe(LIGHT_DANGER);
		await emulate([{ name: 'prefers-color-scheme', value: 'dark' }]);
		expect(border(container)).toBe(DARK_DANGER);
	});

	test('data-llm-theme on an ancestor overrides the system preference both ways', async () => {
		await emulate([{ name: 'prefers-color-scheme', value: 'dark' }]);
		const { container } = await renderError();
		container.setAttribute('data-llm-theme', 'light');
		expect(border(container)).toBe(LIGHT_DANGER);
		await emulate([{ name: 'prefers-color-scheme', value: 'light' }]);
		container.setAttribute('data-llm-theme', 'dark');
		expect(border(container)).toBe(DARK_DANGER);
	});

	test('StreamingMarkdown on its own follows the theme too: its code blocks and tables', async () => {
		// Not inside a ChatMessage, on a page that declares no color-scheme of its own.
		await emulate([{ name: 'prefers-color-scheme', value: 'dark' }]);
		const { container } = await render(StreamingMarkdown, {
			source: '```ts\nconst a = 1;\n```\n\n| a |\n| - |\n| 1 |\n'
		});
		const code = () => style(container.querySelector('[data-llm-code]')).backgroundColor;
		const cell = () => style(container.querySelector('td')).borderTopColor;
		expect(code()).toBe('rgb(21, 27, 35)');
		expect(cell()).toBe('rgb(61, 68, 77)');
		// The prose keeps the page's own text colour.
		expect(style(container.querySelector('td')).color).toBe(style(container).color);
		container.setAttribute('data-llm-theme', 'light');
		expect(code()).toBe('rgb(246, 248, 250)');
		expect(cell()).toBe('rgb(208, 215, 222)');
		await emulate([{ name: 'prefers-color-scheme', value: 'light' }]);
		container.setAttribute('data-llm-theme', 'dark');
		expect(code()).toBe('rgb(21, 27, 35)');
	});

	test('a --llm-* property set on an ancestor wins', async () => {
		const { container } = await renderError();
		container.style.setProperty('--llm-danger', 'rgb(1, 2, 3)');
		expect(border(container)).toBe('rgb(1, 2, 3)');
		container.style.setProperty('--llm-danger', 'light-dark(rgb(1, 2, 3), rgb(4, 5, 6))');
		container.setAttribute('data-llm-theme', 'dark');
		expect(border(container)).toBe('rgb(4, 5, 6)');
	});

	test('no style leaks: an unrelated element on the page is untouched', async () => {
		await renderError();
		const outsider = document.createElement('p');
		outsider.className = 'llm-error llm-error-message';
		document.body.append(outsider);
		expect(style(outsider).borderTopStyle).toBe('none');
		expect(style(outsider).colorScheme).toBe('normal');
		outsider.remove();
	});
});
