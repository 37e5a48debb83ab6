// The first vertical slice in a component: a real HTTP server, the kit's store, the DOM.
import { render, screen } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sseResponse, textEventStream } from '../../../src/lib/server/index.js';
import AnswerView from '../../harness/answer-view.svelte';
import { startWebServer, type WebServer } from '../../helpers/web-server.js';

let server: WebServer;
let release: () => void = () => {};

beforeAll(async () => {
	server = await startWebServer((request) => {
		const gate = new Promise<void>((resolve) => (release = resolve));
		async function* tokens() {
			yield 'Hello';
			yield ' there';
			await gate;
			yield ', friend.';
		}
		return sseResponse(textEventStream(tokens()), { request });
	});
});
afterAll(() => server?.close());

test('the answer text grows in the DOM as tokens arrive, then the status is done', async () => {
	render(AnswerView, { url: `${server.url}/chat`, prompt: 'hi' });
	expect(screen.getByTestId('status')).toHaveTextContent('idle');

	await userEvent.setup().click(screen.getByRole('button', { name: 'Ask' }));
	await expect.poll(() => screen.getByTestId('answer').textContent).toBe('Hello there');
	expect(screen.getByTestId('status')).toHaveTextContent('streaming');

	release();
	await expect.poll(() => screen.getByTestId('status').textContent).toBe('done');
	expect(screen.getByTestId('answer')).toHaveTextContent('Hello there, friend.');
});
