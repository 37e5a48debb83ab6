import { expect, test } from 'vitest';
import { page } from 'vitest/browser';

test('runs in a real Chromium with a layout engine', async () => {
	document.body.innerHTML = '<p style="width: 120px">streaming</p>';
	await expect.element(page.getByText('streaming')).toBeVisible();
	expect(document.querySelector('p')!.getBoundingClientRect().width).toBe(120);
});
