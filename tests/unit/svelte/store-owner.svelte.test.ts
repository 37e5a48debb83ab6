// A store created while a component initialises ends with that component; one created anywhere
// else is not tied to any component.
import { render } from '@testing-library/svelte';
import { describe, expect, test, vi } from 'vitest';
import type { Chat } from '../../../src/lib/svelte/chat.svelte.js';
import {
	createTokenStream,
	type TokenStream
} from '../../../src/lib/svelte/token-stream.svelte.js';
import StoreOwner from './store-owner.svelte';
import { createFakeFetch, createManualFrames, sse, until } from './token-stream-harness.js';

const ENDPOINT = 'http://test.local/api/chat';

describe('a store created in a component script', () => {
	test('a token stream is stopped when the component is destroyed: request aborted, text kept, onStop called', async () => {
		const server = createFakeFetch();
		const frames = createManualFrames();
		const onStop = vi.fn();
		let stream!: TokenStream;
		const view = render(StoreOwner, {
			stream: { url: ENDPOINT, fetch: server.fetch, schedule: frames.schedule, onStop },
			created: (made) => (stream = made.stream!)
		});
		const done = stream.start();
		await until(() => server.exchanges.length === 1);
		server.exchanges[0].write(sse.tokens(['partial', ' answer']));
		await until(() => stream.status === 'streaming' || frames.pending > 0);
		frames.run();
		expect(stream.status).toBe('streaming');

		view.unmount();
		expect(server.exchanges[0].signal.aborted).toBe(true);
		expect(stream.status).toBe('aborted');
		expect(stream.text).toBe('partial answer');
		expect(onStop).toHaveBeenCalledOnce();
		expect(onStop.mock.calls[0][0].text).toBe('partial answer');
		expect((await done).error?.code).toBe('aborted');
	});

	test('an idle stream stays idle when its component is destroyed, and onStop is not called', () => {
		const onStop = vi.fn();
		let stream!: TokenStream;
		const view = render(StoreOwner, {
			stream: { url: ENDPOINT, fetch: createFakeFetch().fetch, onStop },
			created: (made) => (stream = made.stream!)
		});
		view.unmount();
		expect(stream.status).toBe('idle');
		expect(onStop).not.toHaveBeenCalled();
	});

	test('a chat is stopped when its component is destroyed, keeping the partial answer', async () => {
		const server = createFakeFetch();
		const frames = createManualFrames();
		let chat!: Chat;
		const view = render(StoreOwner, {
			chat: { url: ENDPOINT, fetch: server.fetch, schedule: frames.schedule },
			created: (made) => (chat = made.chat!)
		});
		void chat.send('Hello');
		await until(() => server.exchanges.length === 1);
		server.exchanges[0].write(sse.token('Hi the'));
		await until(() => frames.pending > 0);
		frames.run();

		view.unmount();
		expect(server.exchanges[0].signal.aborted).toBe(true);
		expect(chat.status).toBe('aborted');
		expect(chat.messages.at(-1)).toMatchObject({ role: 'assistant', content: 'Hi the' });
	});
});

test('a store created outside any component is not stopped by one being destroyed', async () => {
	const server = createFakeFetch();
	const frames = createManualFrames();
	const stream = createTokenStream({
		url: ENDPOINT,
		fetch: server.fetch,
		schedule: frames.schedule
	});
	const view = render(StoreOwner, { created: () => {} });
	const done = stream.start();
	await until(() => server.exchanges.length === 1);
	view.unmount();
	server.exchanges[0].write(sse.token('still here') + sse.done());
	server.exchanges[0].close();
	const result = await done;
	expect(result.finished).toBe(true);
	expect(server.exchanges[0].signal.aborted).toBe(false);
	expect(stream.text).toBe('still here');
	expect(stream.status).toBe('done');
});
