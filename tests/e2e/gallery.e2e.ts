// Visual regression of /gallery: every state of every component, light and dark, against committed
// baselines in tests/e2e/__screenshots__/gallery.e2e.ts/<component>/<state>-<theme>.png. Each test
// first asserts what the state must show (roles, names, text, attributes), so a blank or wrong page
// fails before any pixel is compared.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { galleryComponents } from '../../src/routes/gallery/fixtures.js';

type Theme = 'light' | 'dark';
type Check = (state: Locator) => Promise<void>;

const assistant = (state: Locator) => state.getByRole('article', { name: 'Assistant' });
const typing = (state: Locator) => state.getByRole('status', { name: 'Assistant is typing' });
const reconnecting = (state: Locator) =>
	state.getByRole('status', { name: 'Connection lost, reconnecting' });
const caret = (state: Locator) => state.locator('[data-llm-caret]');
const button = (state: Locator, name: string) => state.getByRole('button', { name, exact: true });

async function expectAlert(state: Locator, text: string, buttons: string[]) {
	const alert = state.getByRole('alert');
	await expect(alert).toContainText(text);
	await expect(alert.getByRole('button')).toHaveText(buttons);
}

async function expectMessage(state: Locator, status: string, busy: boolean) {
	await expect(assistant(state)).toHaveAttribute('data-llm-status', status);
	await expect(assistant(state)).toHaveAttribute('aria-busy', String(busy));
}

/** The list item and the bold span are open: rendered as such, with no stray `**`. */
async function expectMidMarkdown(root: Locator) {
	await expect(root.getByRole('listitem')).toHaveText([
		'Never wipe the partial answer.',
		'Announce the start and the end, not every token.',
		'Keep the reader where they'
	]);
	await expect(root.locator('strong').last()).toHaveText('where they');
	await expect(root).not.toContainText('**');
	await expect(caret(root)).toBeVisible();
}

/** The unclosed fence is a code block, and shiki's colours have landed (so nothing changes later). */
async function expectCodeBlock(root: Locator) {
	const block = root.locator('[data-llm-code="ts"]');
	await expect(block.locator('[data-llm-code-lang]')).toHaveText('ts');
	await expect(block.getByRole('button', { name: 'Copy' })).toBeVisible();
	await expect(block.locator('code')).toContainText('throw lastError;');
	await expect(block.locator('code span[style*="color"]').first()).toBeVisible();
	await expect(root).not.toContainText('```');
}

/** Complete rows show; the row still arriving does not flash half-parsed. */
async function expectTable(root: Locator) {
	const rows = root.getByRole('table').getByRole('row');
	await expect(rows).toHaveCount(3);
	await expect(rows.nth(1)).toContainText('The connection was lost before the answer finished.');
	await expect(root).not.toContainText('The answer st');
	await expect(root).not.toContainText('| ---');
}

/** What each state must show, as a user perceives it. Keyed by `data-gallery-state`. */
const checks: Record<string, Check> = {
	'chat-message/user': async (state) => {
		const message = state.getByRole('article', { name: 'You' });
		await expect(message).toHaveAttribute('data-llm-role', 'user');
		await expect(message).toHaveText('How should a chat screen behave when the connection drops?');
	},
	'chat-message/idle': async (state) => {
		await expectMessage(state, 'idle', false);
		await expect(assistant(state)).toHaveText('');
	},
	'chat-message/connecting': async (state) => {
		await expectMessage(state, 'connecting', true);
		await expect(typing(state)).toBeVisible();
	},
	'chat-message/mid-markdown': async (state) => {
		await expectMessage(state, 'streaming', true);
		await expectMidMarkdown(assistant(state));
	},
	'chat-message/long-code': async (state) => {
		await expectMessage(state, 'streaming', true);
		await expectCodeBlock(assistant(state));
	},
	'chat-message/table-streaming': async (state) => {
		await expectMessage(state, 'streaming', true);
		await expectTable(assistant(state));
	},
	'chat-message/tool-call-streaming': async (state) => {
		const call = state.getByRole('group', { name: 'Tool call: get_weather' });
		await expect(call).toHaveAttribute('aria-busy', 'true');
		await expect(call).toContainText('Writing arguments');
		await expect(call).toContainText('"city": "Paris"');
	},
	'chat-message/done': async (state) => {
		await expectMessage(state, 'done', false);
		await expect(assistant(state)).toContainText('offer Continue as well.');
		await expect(caret(state)).toHaveCount(0);
		await expect(state.getByRole('status')).toHaveCount(0);
	},
	'chat-message/error-partial': async (state) => {
		await expectMessage(state, 'error', false);
		await expect(assistant(state)).toContainText('say in plain words what went wrong');
		await expectAlert(state, 'The connection was lost before the answer finished.', [
			'Continue',
			'Retry'
		]);
	},
	'chat-message/server-error': async (state) => {
		await expect(assistant(state)).toContainText('say in plain words what went wrong');
		await expectAlert(state, 'The server had a problem (HTTP 500).', ['Retry']);
	},
	'chat-message/aborted': async (state) => {
		await expectMessage(state, 'aborted', false);
		await expectAlert(state, 'The answer was stopped before it finished.', ['Retry']);
	},
	'chat-message/reconnecting': async (state) => {
		await expectMessage(state, 'reconnecting', true);
		await expect(reconnecting(state)).toBeVisible();
	},
	'chat-message/rate-limited': async (state) => {
		await expectAlert(
			state,
			'Too many requests. The server asked to wait 20 seconds before trying again.',
			['Retry']
		);
	},
	'chat-thread/idle': async (state) => {
		await expect(state.getByRole('textbox', { name: 'Message' })).toBeEditable();
		await expect(button(state, 'Stop')).toHaveAttribute('aria-disabled', 'true');
		await expect(state.getByRole('article')).toHaveCount(0);
	},
	'chat-thread/streaming': async (state) => {
		await expect(state.getByRole('article')).toHaveCount(2);
		await expect(state.getByRole('article', { name: 'Assistant' })).toHaveAttribute(
			'aria-busy',
			'true'
		);
		await expect(button(state, 'Stop')).toHaveAttribute('aria-disabled', 'false');
	},
	'chat-thread/error-partial': async (state) => {
		await expect(state.getByRole('article', { name: 'Assistant' })).toContainText(
			'say in plain words what went wrong'
		);
		// The thread announces through its one live region, so the error is a labelled group.
		await expect(
			state.getByRole('group', { name: 'The connection was lost before the answer finished.' })
		).toBeVisible();
		await expect(button(state, 'Retry')).toBeVisible();
		await expect(button(state, 'Stop')).toHaveAttribute('aria-disabled', 'true');
	},
	'streaming-markdown/mid-markdown': async (state) => {
		await expect(state.locator('[data-llm-markdown]')).toHaveAttribute('data-llm-streaming', '');
		await expectMidMarkdown(state);
	},
	'streaming-markdown/long-code': async (state) => {
		await expectCodeBlock(state);
	},
	'streaming-markdown/table-streaming': async (state) => {
		await expectTable(state);
	},
	'streaming-markdown/done': async (state) => {
		await expect(state.locator('[data-llm-markdown]')).not.toHaveAttribute('data-llm-streaming');
		await expect(state.getByRole('listitem').last()).toHaveText(
			'Keep the reader where they are reading.'
		);
		await expect(caret(state)).toHaveCount(0);
	},
	'typing-indicator/idle': async (state) => {
		await expect(state.getByRole('heading', { name: 'Idle' })).toBeVisible();
		await expect(state.locator('[data-llm-typing]')).toHaveCount(0);
	},
	'typing-indicator/connecting': async (state) => {
		await expect(typing(state)).toHaveAttribute('data-llm-typing', 'waiting');
	},
	'typing-indicator/reconnecting': async (state) => {
		await expect(reconnecting(state)).toHaveAttribute('data-llm-typing', 'reconnecting');
	},
	'typing-indicator/streaming': async (state) => {
		await expect(state.getByRole('heading', { name: 'Streaming' })).toBeVisible();
		await expect(state.locator('[data-llm-typing]')).toHaveCount(0);
	},
	'stream-error/network': async (state) => {
		await expect(state).toContainText('say in plain words what went wrong');
		await expectAlert(state, 'The connection was lost before the answer finished.', [
			'Continue',
			'Retry'
		]);
	},
	'stream-error/server-error': async (state) => {
		await expectAlert(state, 'The server had a problem (HTTP 500).', ['Retry']);
	},
	'stream-error/rate-limited': async (state) => {
		await expectAlert(state, 'The server asked to wait 20 seconds before trying again.', ['Retry']);
	},
	'stream-error/idle-timeout': async (state) => {
		await expectAlert(state, 'The answer stalled: nothing arrived for too long.', [
			'Continue',
			'Retry'
		]);
	},
	'stream-error/upstream': async (state) => {
		await expectAlert(
			state,
			'The model reported an error: The model is overloaded, please try again later',
			['Retry']
		);
	},
	'stream-error/aborted': async (state) => {
		await expectAlert(state, 'The answer was stopped before it finished.', ['Retry']);
	},
	'stream-caret/streaming': async (state) => {
		await expect(caret(state)).toBeVisible();
		await expect(caret(state)).toHaveAttribute('aria-hidden', 'true');
	},
	'stream-caret/done': async (state) => {
		await expect(state).toContainText('offer Continue as well.');
		await expect(caret(state)).toHaveCount(0);
	},
	'stop-button/idle': async (state) => {
		await expect(button(state, 'Stop')).toHaveAttribute('aria-disabled', 'true');
	},
	'stop-button/connecting': async (state) => {
		await expect(button(state, 'Stop')).toHaveAttribute('aria-disabled', 'false');
	},
	'stop-button/streaming': async (state) => {
		await expect(button(state, 'Stop')).toHaveAttribute('aria-disabled', 'false');
	},
	'stop-button/done': async (state) => {
		await expect(button(state, 'Stop')).toHaveAttribute('aria-disabled', 'true');
	},
	'stream-viewport/following': async (state) => {
		const region = state.getByRole('region', { name: 'Conversation' });
		await expect(region).toHaveAttribute('data-llm-pinned', '');
		await expect(region.getByText('Line 12 of the answer.')).toBeInViewport();
		await expect(state.getByRole('button', { name: 'Jump to latest' })).toHaveCount(0);
	},
	'stream-viewport/scrolled-up': async (state) => {
		const region = state.getByRole('region', { name: 'Conversation' });
		await expect(region).not.toHaveAttribute('data-llm-pinned');
		await expect(region.getByText('Line 1 of the answer.')).toBeInViewport();
		await expect(state.getByRole('button', { name: 'Jump to latest' })).toBeVisible();
	},
	'tool-call-view/streaming': async (state) => {
		const call = state.getByRole('group', { name: 'Tool call: get_weather' });
		await expect(call).toHaveAttribute('aria-busy', 'true');
		await expect(call).toContainText('Writing arguments');
		await expect(call.locator('[data-llm-tool-args]')).toHaveText(
			'{\n  "city": "Paris",\n  "units": "celsius",\n  "days": [\n    1,\n    2'
		);
	},
	'tool-call-view/complete': async (state) => {
		const call = state.getByRole('group', { name: 'Tool call: get_weather' });
		await expect(call).toHaveAttribute('aria-busy', 'false');
		await expect(call).toContainText('Arguments complete');
		await expect(call.locator('[data-llm-tool-args]')).toContainText('3\n  ]\n}');
	},
	'tool-call-view/failed': async (state) => {
		const call = state.getByRole('group', { name: 'Tool call: get_weather' });
		await expect(call).toHaveAttribute('data-llm-tool-state', 'error');
		await expect(call).toContainText('Failed');
	},
	'stream-announcer/idle': async (state) => {
		await expect(state.getByRole('status')).toHaveText('');
	},
	'stream-announcer/started': async (state) => {
		await expect(state.getByRole('status')).toHaveText('Answer started');
	},
	'stream-announcer/reconnecting': async (state) => {
		await expect(state.getByRole('status')).toHaveText('Connection lost, reconnecting');
	},
	'stream-announcer/complete': async (state) => {
		await expect(state.getByRole('status')).toHaveText('Answer complete');
	},
	'stream-announcer/stopped': async (state) => {
		await expect(state.getByRole('status')).toHaveText('Answer stopped');
	},
	'stream-announcer/failed': async (state) => {
		await expect(state.getByRole('status')).toHaveText(
			'Answer failed. The connection was lost before the answer finished.'
		);
	}
};

/**
 * Parts hidden from the pixel comparison. Shiki tokenizes each line under a time limit, so under CPU
 * load a line can come out with fewer colours: the code's colours are not deterministic, while its
 * text (checked above), the block's frame, label and size are.
 */
const masks: Record<string, (state: Locator) => Locator[]> = {
	'chat-message/long-code': (state) => [state.locator('[data-llm-code] pre')],
	'streaming-markdown/long-code': (state) => [state.locator('[data-llm-code] pre')]
};

const states = galleryComponents.flatMap((component) =>
	component.states.map((state) => ({ component: component.slug, state: state.id }))
);

/** Opens a component's page and waits until the page has hydrated with the expected theme. */
async function open(page: Page, component: string, theme: Theme | undefined) {
	await page.goto(`/gallery/${component}${theme ? `?theme=${theme}` : ''}`);
	const root = page.locator('[data-gallery-theme]');
	await expect(root).toHaveAttribute('data-gallery-theme', theme ?? 'system');
	if (theme) await expect(root).toHaveAttribute('data-llm-theme', theme);
	else await expect(root).not.toHaveAttribute('data-llm-theme');
}

test('every gallery state has a check, and every check a gallery state', () => {
	expect(Object.keys(checks).sort()).toEqual(states.map((s) => `${s.component}/${s.state}`).sort());
});

test('the index lists and links every component and state', async ({ page }) => {
	await page.goto('/gallery');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Component gallery');
	for (const component of galleryComponents) {
		const link = page.getByRole('link', { name: component.name, exact: true });
		await expect(link).toHaveAttribute('href', `/gallery/${component.slug}`);
	}
	const stateLinks = page.locator('a[href*="#"]');
	await expect(stateLinks).toHaveCount(states.length);
	await page.getByRole('link', { name: 'Dark', exact: true }).click();
	await expect(page).toHaveURL(/\/gallery\?theme=dark$/);
	await page.getByRole('link', { name: 'StreamErrorView', exact: true }).click();
	await expect(page).toHaveURL(/\/gallery\/stream-error\?theme=dark$/);
	await expect(page.locator('[data-gallery-theme]')).toHaveAttribute('data-llm-theme', 'dark');
});

test('an unknown component is a 404', async ({ page }) => {
	const response = await page.goto('/gallery/no-such-component');
	expect(response?.status()).toBe(404);
});

test('?theme=dark and ?theme=light override the system colour scheme', async ({ page }) => {
	// Opposite system preference each time, so only data-llm-theme can explain the colours.
	await page.emulateMedia({ colorScheme: 'light' });
	await open(page, 'stream-error', 'dark');
	const alert = page.locator('[data-gallery-state="stream-error/server-error"] [role="alert"]');
	await expect(alert).toHaveCSS('border-top-color', 'rgb(248, 81, 73)');
	await page.emulateMedia({ colorScheme: 'dark' });
	await open(page, 'stream-error', 'light');
	await expect(alert).toHaveCSS('border-top-color', 'rgb(207, 34, 46)');
});

/** Asserts each state of `component` on the open page, then compares it with its baseline. */
async function compareStates(
	page: Page,
	component: (typeof galleryComponents)[number],
	theme: Theme
) {
	for (const { id } of component.states) {
		await test.step(id, async () => {
			const frame = page.locator(`[data-gallery-state="${component.slug}/${id}"]`);
			await checks[`${component.slug}/${id}`](frame);
			// Soft: one changed state still lets the others on the page be compared and reported.
			const mask = masks[`${component.slug}/${id}`]?.(frame) ?? [];
			await expect.soft(frame).toHaveScreenshot([component.slug, `${id}-${theme}.png`], { mask });
		});
	}
}

for (const theme of ['light', 'dark'] as const) {
	for (const component of galleryComponents) {
		test(`${component.slug} states (${theme})`, async ({ page }) => {
			await open(page, component.slug, theme);
			await compareStates(page, component, theme);
		});
	}
}

// Without ?theme, the components follow prefers-color-scheme: the emulated scheme must give the very
// pixels of the forced theme, so these compare against the same baselines.
for (const scheme of ['light', 'dark'] as const) {
	for (const component of galleryComponents) {
		test(`${component.slug} follows prefers-color-scheme: ${scheme}`, async ({ page }) => {
			await page.emulateMedia({ colorScheme: scheme });
			await open(page, component.slug, undefined);
			await compareStates(page, component, scheme);
		});
	}
}
