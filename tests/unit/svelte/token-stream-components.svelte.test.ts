import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, test } from 'vitest';
import { createTokenStream } from '../../../src/lib/svelte/token-stream.svelte.js';
import { createFakeFetch, createManualFrames, sse, until } from './token-stream-harness.js';
import Harness from './token-stream-harness.svelte';
import LegacyHarness from './token-stream-legacy-harness.svelte';
import ContextParent from './token-stream-context-parent.svelte';
import ContextOrphan from './token-stream-context-orphan.svelte';

function streaming() {
	const server = createFakeFetch();
	const frames = createManualFrames();
	let parsed = 0;
	const stream = createTokenStream({
		url: 'http://test.local/api/chat',
		fetch: server.fetch,
		schedule: frames.schedule,
		onToken: () => parsed++
	});
	return { server, frames, stream, parsed: () => parsed };
}

describe('in components', () => {
	test('`$stream` (store) and `stream.text` (runes) render the same text, once the frame ran', async () => {
		const { server, frames, stream, parsed } = streaming();
		render(Harness, { stream });
		expect(screen.getByTestId('store-status').textContent).toBe('idle');

		const done = stream.start();
		flushSync();
		expect(screen.getByTestId('store-status').textContent).toBe('connecting');
		expect(screen.getByTestId('rune-status').textContent).toBe('connecting');
		await until(() => server.exchanges.length === 1);
		server.exchanges[0].write(sse.tokens(['Hello', ' DOM']));
		await until(() => parsed() === 2);
		flushSync();
		expect(screen.getByTestId('rune-text').textContent).toBe('');

		frames.run();
		flushSync();
		for (const id of ['store-text', 'rune-text']) {
			expect(screen.getByTestId(id).textContent).toBe('Hello DOM');
		}
		expect(screen.getByTestId('store-status').textContent).toBe('streaming');

		server.exchanges[0].write(sse.done());
		server.exchanges[0].close();
		await done;
		flushSync();
		expect(screen.getByTestId('store-status').textContent).toBe('done');
		expect(screen.getByTestId('rune-status').textContent).toBe('done');
	});

	test('a legacy (non-runes) component reads it with `$stream` and `$:`', async () => {
		const { server, frames, stream, parsed } = streaming();
		render(LegacyHarness, { stream });
		void stream.start();
		await until(() => server.exchanges.length === 1);
		server.exchanges[0].write(sse.tokens(['one', ' two', ' three']));
		await until(() => parsed() === 3);
		frames.run();
		flushSync();
		expect(screen.getByTestId('legacy-text').textContent).toBe('one two three');
		expect(screen.getByTestId('legacy-words').textContent).toBe('3');
		stream.stop();
	});
});

describe('context', () => {
	test('each tree gets its own stream and chat through context; nothing is shared', async () => {
		const a = createFakeFetch();
		const b = createFakeFetch();
		render(ContextParent, { fetch: a.fetch, label: 'a' });
		render(ContextParent, { fetch: b.fetch, label: 'b' });
		const [statusA, statusB] = screen.getAllByTestId('child-status');
		expect(statusA.textContent).toBe('idle');
		expect(screen.getAllByTestId('child-chat').map((e) => e.textContent)).toEqual([
			'idle:0',
			'idle:0'
		]);

		await fireEvent.click(screen.getByText('Ask a'));
		await until(() => a.exchanges.length === 1);
		flushSync();
		expect(a.exchanges[0].url).toBe('/api/a');
		expect(b.exchanges).toHaveLength(0);
		expect(statusA.textContent).toBe('connecting');
		expect(statusB.textContent).toBe('idle');
		a.exchanges[0].close();
	});

	test('reading a context nobody set names the fix', () => {
		expect(() => render(ContextOrphan)).toThrow(
			/No TokenStream in context: call setTokenStreamContext\(stream\)/
		);
	});
});
