// The demo chat over its WebSocket gateway (/api/chat/ws, scripts/chat-websocket.js), in Chromium:
// the browser's own WebSocket, the kit's websocketTransport({ frames: 'sse' }) and
// pipeResponseToWebSocket on the server, against the same mock as the HTTP tests.
import { expect, test, type WebSocket } from '@playwright/test';
import {
	answer,
	answerText,
	ask,
	duringLongAnswer,
	expectGenerationEndedEarly,
	openChat,
	words
} from './chat-page.js';

const FULL = words(40).join(' ');

test('the answer streams over a WebSocket, not a POST, and ends with the exact text', async ({
	page
}) => {
	await openChat(page);
	const sockets: WebSocket[] = [];
	page.on('websocket', (socket) => sockets.push(socket));
	const posts: string[] = [];
	page.on('request', (request) => {
		if (request.method() === 'POST') posts.push(request.url());
	});
	let frames = 0;
	page.on('websocket', (socket) => socket.on('framereceived', () => frames++));

	await ask(page, FULL, { transport: 'websocket' });
	await expect(answer(page)).toHaveAttribute('data-llm-status', 'done');
	await expect(answerText(page)).toHaveText(FULL);

	expect(sockets.map((socket) => new URL(socket.url()).pathname)).toEqual(['/api/chat/ws']);
	expect(posts).toEqual([]);
	// Streamed: many frames, not one at the end.
	expect(frames).toBeGreaterThan(10);
	await expect.poll(() => sockets[0].isClosed()).toBe(true);
});

test('a dropped upstream ends in an error that keeps the partial text; Retry completes it', async ({
	page
}) => {
	await openChat(page);
	await ask(page, FULL, { transport: 'websocket', fault: 'drop-after:12' });
	await expect(answer(page)).toHaveAttribute('data-llm-status', 'error');
	// A WebSocket answer is not resumed (no Last-Event-ID): the gateway closes with 1011.
	await expect(answer(page).locator('[data-llm-error="disconnected"]')).toBeVisible();
	await expect(answerText(page)).toHaveText(words(12).join(' '));
	await expect(page.locator('[data-llm-metric="reconnects"]')).toHaveText('0');

	await page.getByRole('combobox', { name: 'Fault' }).selectOption('none');
	await page.getByRole('button', { name: 'Retry' }).click();
	await expect(answer(page)).toHaveAttribute('data-llm-status', 'done');
	await expect(answerText(page)).toHaveText(FULL);
});

test('stall: the idle timeout applies to the socket too', async ({ page }) => {
	await openChat(page);
	await ask(page, FULL, { transport: 'websocket', fault: 'stall-after:12' });
	await expect(answer(page)).toHaveAttribute('data-llm-status', 'error', { timeout: 10_000 });
	await expect(answer(page).locator('[data-llm-error="idle_timeout"]')).toBeVisible();
	await expect(answerText(page)).toHaveText(words(12).join(' '));
});

test('Stop closes the socket, keeps the partial text, and the server-side generation ends', async ({
	page
}) => {
	await duringLongAnswer(
		page,
		async (server) => {
			await page.getByRole('button', { name: 'Stop' }).click();
			await expect(answer(page)).toHaveAttribute('data-llm-status', 'aborted');
			const partial = (await answerText(page).textContent())!.trim();
			expect(partial).toBe(words(partial.split(' ').length).join(' '));
			await expectGenerationEndedEarly(server);
		},
		{ transport: 'websocket' }
	);
});
