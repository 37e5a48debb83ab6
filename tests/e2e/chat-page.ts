// The demo chat page, as the e2e tests drive it.
import { expect, type Page } from '@playwright/test';
import { startDemoServer } from '../helpers/demo-server.js';

/**
 * Opens the demo chat and waits until it has hydrated: the server-rendered controls look ready
 * (Stop is already aria-disabled) before the page's script runs, and hydration would undo a
 * selection made earlier.
 */
export async function openChat(page: Page, url = '/') {
	await page.goto(url);
	await expect(page.locator('main')).toHaveAttribute('data-hydrated', 'true');
}

/** `count` unique words, `w0 w1 …`: an `echo:` of them makes an answer whose exact text is known. */
export const words = (count: number) => Array.from({ length: count }, (_, i) => `w${i}`);

export interface AskOptions {
	/** A value of the Fault select. @default "none" */
	fault?: string;
	/** Token delay in ms. @default 10 */
	delayMs?: number;
	/** A value of the Transport select ("sse" or "websocket"). @default "sse" */
	transport?: string;
}

/** Sets the controls and sends `echo: text`. */
export async function ask(page: Page, text: string, options: AskOptions = {}) {
	await page.getByRole('combobox', { name: 'Fault' }).selectOption(options.fault ?? 'none');
	await page.getByRole('combobox', { name: 'Transport' }).selectOption(options.transport ?? 'sse');
	await page.getByLabel('Token delay').evaluate((input: HTMLInputElement, value) => {
		input.value = String(value);
		input.dispatchEvent(new Event('input', { bubbles: true }));
	}, options.delayMs ?? 10);
	await page.getByRole('textbox', { name: 'Message' }).fill(`echo: ${text}`);
	await page.getByRole('button', { name: 'Send' }).click();
}

/** The latest assistant message, and its text. */
export const answer = (page: Page) => page.locator('[data-llm-role="assistant"]').last();
export const answerText = (page: Page) => answer(page).locator('[data-llm-message-content]');

export type LoggedServer = Awaited<ReturnType<typeof startDemoServer>>;

/**
 * Runs `during` while a 200-word answer streams (past its fourth word) from a demo server of its
 * own that logs its generator. A long orphan timeout: only the page can end the generation in time.
 */
export async function duringLongAnswer(
	page: Page,
	during: (server: LoggedServer) => Promise<void>,
	options: Pick<AskOptions, 'transport'> = {}
) {
	const server = await startDemoServer({ MOCK_LLM_LOG: '1', CHAT_ORPHAN_TIMEOUT_MS: '60000' });
	try {
		await openChat(page, server.url);
		await ask(page, words(200).join(' '), { delayMs: 50, ...options });
		await expect(answerText(page)).toContainText('w3');
		await during(server);
	} finally {
		await server.stop();
	}
}

/** The server logs its generator's `finally`; an aborted one ends long before the 200th word. */
export async function expectGenerationEndedEarly(server: LoggedServer) {
	await expect
		.poll(() => server.output(), { timeout: 10_000 })
		.toMatch(/"event":"finally".*"aborted":true/);
	const finished = server
		.output()
		.split('\n')
		.filter((line) => line.includes('"event":"finally"'))
		.map((line) => JSON.parse(line) as { sent: number });
	expect(finished).toHaveLength(1);
	expect(finished[0].sent).toBeLessThan(150);
}
