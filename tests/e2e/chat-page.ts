import { expect, type Page } from '@playwright/test';

/**
 * Opens the demo chat and waits until it has hydrated: the server-rendered controls look ready
 * (Stop is already aria-disabled) before the page's script runs, and hydration would undo a
 * selection made earlier.
 */
export async function openChat(page: Page, url = '/') {
	await page.goto(url);
	await expect(page.locator('main')).toHaveAttribute('data-hydrated', 'true');
}
