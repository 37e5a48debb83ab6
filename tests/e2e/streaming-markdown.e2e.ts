import { expect, test } from '@playwright/test';

// The gallery page server-renders StreamingMarkdown in every state, including a finished answer.
test('StreamingMarkdown is server-rendered and hydrates without re-rendering its blocks', async ({
	page
}) => {
	const logs: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error' || message.type() === 'warning') logs.push(message.text());
	});
	page.on('pageerror', (error) => logs.push(error.message));
	// Before any script runs: record every server-rendered block that hydration removes. A mismatch
	// makes Svelte throw the server markup away and render again, which removes them.
	await page.addInitScript(() => {
		const removed: string[] = [];
		(window as unknown as { removedBlocks: string[] }).removedBlocks = removed;
		new MutationObserver((records) => {
			for (const record of records) {
				for (const node of record.removedNodes) {
					if (node instanceof Element && node.matches('[data-llm-block]')) {
						removed.push(node.outerHTML.slice(0, 80));
					}
				}
			}
		}).observe(document, { childList: true, subtree: true });
	});

	const response = await page.goto('/gallery/streaming-markdown');
	const html = (await response!.text()).replace(/<!--[\s\S]*?-->/g, '');
	expect(html).toContain('data-llm-markdown');
	expect(html).toMatch(/data-llm-block="code"/);
	expect(html).toContain('data-llm-copy');

	const blocks = page.locator('[data-llm-block]');
	const count = await blocks.count();
	expect(count).toBeGreaterThan(5);
	const firstBlock = await blocks.first().elementHandle();

	// Hydrated: the copy button's handler is attached and announces the copy.
	await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
	const copy = page.locator('[data-llm-copy]').first();
	await copy.click();
	await expect(page.locator('[data-llm-code] [role="status"]').first()).toHaveText(
		/Copied|Copy failed/
	);

	expect(
		await page.evaluate(() => (window as unknown as { removedBlocks: string[] }).removedBlocks)
	).toEqual([]);
	expect(await firstBlock!.evaluate((node) => node.isConnected)).toBe(true);
	expect(logs.filter((line) => /hydrat|mismatch/i.test(line))).toEqual([]);
});
