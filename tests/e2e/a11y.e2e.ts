// axe-core over whole pages in Chromium: the chat and every gallery state, light and dark. The
// component scans in tests/browser look at one component at a time; this one also checks what only
// a page has (landmarks, heading order, unique ids across many instances, contrast on each theme).
import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';
import { galleryComponents } from '../../src/routes/gallery/fixtures.js';
import { openChat } from './chat-page.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * Violations of WCAG 2.2 A/AA and axe best practices on the page, as `rule: targets` lines.
 * `landmark-unique` can be left out where a page shows many instances of one component on purpose.
 */
async function pageViolations(page: Page, { sameLandmarks = false } = {}): Promise<string[]> {
	await page.addScriptTag({ path: axePath });
	return page.evaluate(async (sameLandmarks) => {
		const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
		const result = await axe.run(document, {
			runOnly: {
				type: 'tag',
				values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']
			},
			rules: { 'landmark-unique': { enabled: !sameLandmarks } },
			resultTypes: ['violations']
		});
		return result.violations.map(
			(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
		);
	}, sameLandmarks);
}

for (const theme of ['light', 'dark'] as const) {
	test(`the gallery index (${theme}) has no axe violations`, async ({ page }) => {
		await page.goto(`/gallery?theme=${theme}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Component gallery');
		expect(await pageViolations(page)).toEqual([]);
	});

	for (const component of galleryComponents) {
		test(`${component.name}, every state (${theme}), has no axe violations`, async ({ page }) => {
			await page.emulateMedia({ reducedMotion: 'reduce' });
			await page.goto(`/gallery/${component.slug}?theme=${theme}`);
			await expect(page.locator('[data-gallery-state]')).toHaveCount(component.states.length);
			// Each state is its own instance with the default label ("Conversation", …); an app showing
			// several gives each its own through the `label` prop.
			expect(await pageViolations(page, { sameLandmarks: true })).toEqual([]);
		});
	}
}

test('the chat page, idle and after an answer, has no axe violations', async ({ page }) => {
	await openChat(page, '/?delayMs=0');
	expect(await pageViolations(page)).toEqual([]);
	await page.getByLabel('Message').fill('Hello');
	await page.getByRole('button', { name: 'Send' }).click();
	await expect(page.locator('[data-llm-role="assistant"]').last()).toHaveAttribute(
		'data-llm-status',
		'done'
	);
	expect(await pageViolations(page)).toEqual([]);
});
