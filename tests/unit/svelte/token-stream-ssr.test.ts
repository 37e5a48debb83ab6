// Runs in the `unit` project (Node, server-compiled Svelte): what happens when a page that creates
// a stream is rendered on the server.
import { render } from 'svelte/server';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { createChat } from '../../../src/lib/svelte/chat.svelte.js';
import { createTokenStream } from '../../../src/lib/svelte/token-stream.svelte.js';
import ContextParent from './token-stream-context-parent.svelte';

const BROWSER_GLOBALS = ['window', 'document', 'requestAnimationFrame', 'localStorage'] as const;
let touched: string[] = [];

beforeEach(() => {
	touched = [];
	for (const name of BROWSER_GLOBALS) {
		Object.defineProperty(globalThis, name, {
			configurable: true,
			get: () => {
				touched.push(name);
				return undefined;
			}
		});
	}
});

afterEach(() => {
	for (const name of BROWSER_GLOBALS) delete (globalThis as Record<string, unknown>)[name];
});

test('rendering a page that creates a stream and a chat neither fetches nor touches browser globals', () => {
	const fetch = vi.fn<typeof globalThis.fetch>();
	const { body } = render(ContextParent, { props: { fetch, label: 'ssr' } });
	expect(body).toContain('data-testid="child-status">idle<');
	expect(body).toContain('idle:0');
	expect(fetch).not.toHaveBeenCalled();
	expect(touched).toEqual([]);
});

test('stores made on the server are independent objects with their own state', () => {
	const fetch = vi.fn<typeof globalThis.fetch>();
	const one = createTokenStream({ url: '/a', fetch });
	const two = createTokenStream({ url: '/b', fetch });
	one.reset();
	const seen: string[] = [];
	two.subscribe((s) => seen.push(s.status));
	expect(seen).toEqual(['idle']);
	const chat = createChat({ url: '/c', fetch, initialMessages: [{ role: 'user', content: 'x' }] });
	expect(createChat({ url: '/c', fetch }).messages).toEqual([]);
	expect(chat.messages).toHaveLength(1);
	expect(fetch).not.toHaveBeenCalled();
	expect(touched).toEqual([]);
});
