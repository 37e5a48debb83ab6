import { expect, test } from '@playwright/test';
import { openChat } from './chat-page.js';
import { startGatedProxy } from './gated-proxy.js';

test('the answer grows on the page while the server has not sent the rest', async ({
	page,
	baseURL
}) => {
	const proxy = await startGatedProxy(baseURL!, 2);
	try {
		await openChat(page, proxy.url);
		await page
			.getByRole('textbox', { name: 'Message' })
			.fill('echo: alpha beta gamma delta epsilon zeta');
		await page.getByRole('button', { name: 'Send' }).click();

		const answer = page.locator('[data-llm-role="assistant"]');
		const text = answer.locator('[data-llm-message-content]');
		await proxy.passed(2);
		await expect(text).toHaveText('alpha beta');
		await expect(answer).toHaveAttribute('data-llm-status', 'streaming');
		// The server has written more by now; the proxy holds it, so the page cannot have it.
		await expect.poll(() => proxy.heldBytes()).toBeGreaterThan(0);
		await expect(text).toHaveText('alpha beta');

		proxy.release();
		await expect(answer).toHaveAttribute('data-llm-status', 'done');
		await expect(text).toHaveText('alpha beta gamma delta epsilon zeta');
	} finally {
		await proxy.close();
	}
});

test('the demo page is server-rendered and interactive', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('svelte-llm-stream');
	await expect(page.locator('main')).toHaveAttribute('data-hydrated', 'true');
	await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();
	await expect(page.getByRole('button', { name: 'Stop' })).toBeDisabled();
});

test('a new protocol applies from the next answer on, and the conversation stays', async ({
	page
}) => {
	await openChat(page, '/?delayMs=0');
	const wires: string[] = [];
	page.on('request', (request) => {
		if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/chat') {
			wires.push((request.postDataJSON() as { protocol: string }).protocol);
		}
	});
	const answers = page.locator('[data-llm-role="assistant"]');
	const protocol = page.getByRole('combobox', { name: 'Protocol' });
	for (const [i, wire] of ['text', 'ai-sdk-ui', 'text'].entries()) {
		await protocol.selectOption(wire);
		await page.getByRole('textbox', { name: 'Message' }).fill(`echo: answer ${i} over ${wire}`);
		await page.getByRole('button', { name: 'Send' }).click();
		await expect(answers.nth(i)).toHaveAttribute('data-llm-status', 'done');
		await expect(answers.nth(i).locator('[data-llm-message-content]')).toHaveText(
			`answer ${i} over ${wire}`
		);
	}
	await expect(answers).toHaveCount(3);
	expect(wires).toEqual(['text', 'ai-sdk-ui', 'text']);
});
