// The demo on a bad day, in Chromium against `node build`: every fault the mock can inject, as the
// user sees it. Answers are `echo:` prompts of unique words, so the exact final text is known.
import { expect, test } from '@playwright/test';
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

test.beforeEach(async ({ page }) => {
	await openChat(page);
});

test('drop mid-stream: resumes with Last-Event-ID and ends with the exact text', async ({
	page
}) => {
	await ask(page, FULL, { fault: 'drop-after:12' });
	await expect(answer(page)).toHaveAttribute('data-llm-status', 'done', { timeout: 15_000 });
	await expect(answerText(page)).toHaveText(FULL);
	await expect(page.locator('[data-llm-metric="reconnects"]')).toHaveText('1');
});

test('in-stream error: the partial answer stays, Retry completes it', async ({ page }) => {
	await ask(page, FULL, { fault: 'error-after:12' });
	await expect(answer(page)).toHaveAttribute('data-llm-status', 'error');
	await expect(answer(page).locator('[data-llm-error="upstream"]')).toBeVisible();
	await expect(answerText(page)).toHaveText(words(12).join(' '));

	await page.getByRole('combobox', { name: 'Fault' }).selectOption('none');
	await page.getByRole('button', { name: 'Retry' }).click();
	await expect(answer(page)).toHaveAttribute('data-llm-status', 'done');
	await expect(answerText(page)).toHaveText(FULL);
	await expect(page.locator('[data-llm-error]')).toHaveCount(0);
});

test('429 with Retry-After: waits as told, then the answer arrives', async ({ page }) => {
	const started = Date.now();
	await ask(page, FULL, { fault: 'status:429' });
	await expect(answer(page)).toHaveAttribute('data-llm-status', 'done', { timeout: 15_000 });
	await expect(answerText(page)).toHaveText(FULL);
	// The mock says `Retry-After: 1`; an earlier retry would have been refused again.
	expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
});

test('stall: the idle timeout ends the answer with its partial text and says so', async ({
	page
}) => {
	await ask(page, FULL, { fault: 'stall-after:12' });
	// The demo waits 2.5 s for data, and tries to resume a silent stream three times before it gives up.
	await expect(answer(page)).toHaveAttribute('data-llm-status', 'error', { timeout: 30_000 });
	await expect(answer(page).locator('[data-llm-error="idle_timeout"]')).toBeVisible();
	await expect(answerText(page)).toHaveText(words(12).join(' '));
	await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
});

test('slow first token: the typing indicator shows until the first token, then the text', async ({
	page
}) => {
	await ask(page, 'hello slow world', { fault: 'slow-first:2000' });
	const typing = answer(page).locator('[data-llm-typing]');
	await expect(typing).toBeVisible();
	await expect(typing).toHaveAccessibleName('Assistant is typing');
	await expect(answerText(page)).toHaveCount(0);

	await expect(answerText(page)).toHaveText('hello slow world', { timeout: 10_000 });
	await expect(typing).toHaveCount(0);
});

test('Stop: the answer keeps its partial text and the server-side generation ends', async ({
	page
}) => {
	await duringLongAnswer(page, async (server) => {
		await page.getByRole('button', { name: 'Stop' }).click();

		await expect(answer(page)).toHaveAttribute('data-llm-status', 'aborted');
		const partial = (await answerText(page).textContent())!.trim();
		// Kept: exactly the first n words, none lost, none after the stop.
		const kept = partial.split(' ').length;
		expect(partial).toBe(words(kept).join(' '));
		expect(kept).toBeGreaterThanOrEqual(4);
		expect(kept).toBeLessThan(200);

		await expectGenerationEndedEarly(server);
	});
});

test('leaving the page mid-answer stops the chat and the server-side generation ends', async ({
	page
}) => {
	// The chat was created in the page's script, so it stops when the page component is destroyed.
	await duringLongAnswer(page, async (server) => {
		// A client-side navigation: the page stays loaded, only the chat page's component goes away.
		await page.getByRole('link', { name: 'component gallery' }).click();
		await expect(page).toHaveURL(/\/gallery$/);
		await expectGenerationEndedEarly(server);
	});
});
