import { expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { FakeStream } from '../unit/svelte/components/fixtures/fake-stream.svelte.js';
import ViewportHarness from '../unit/svelte/components/fixtures/viewport-harness.svelte';

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** How far the newest line is below the visible area, in pixels (0 = pinned to the bottom). */
const gap = (scroller: HTMLElement) =>
	scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;

async function streamLines(stream: FakeStream, count: number, onFrame?: () => void) {
	for (let i = 0; i < count; i++) {
		stream.text += `${stream.text ? '\n' : ''}line ${stream.text.split('\n').length}`;
		await nextFrame();
		onFrame?.();
	}
}

async function setup() {
	const stream = new FakeStream();
	stream.status = 'streaming';
	const screen = await render(ViewportHarness, { stream });
	const scroller = screen.container.querySelector<HTMLElement>('[data-llm-viewport-scroller]')!;
	return { stream, screen, scroller };
}

test('stays pinned to the bottom on every frame while lines stream in', async () => {
	const { stream, scroller } = await setup();
	const gaps: number[] = [];
	await streamLines(stream, 60, () => gaps.push(gap(scroller)));
	expect(scroller.scrollHeight).toBeGreaterThan(1000); // 60 lines of 20px in a 200px box
	expect(scroller.scrollTop).toBeGreaterThan(900);
	expect(gaps).toHaveLength(60);
	expect(Math.max(...gaps)).toBeLessThanOrEqual(1);
});

test('scrolls in the same frame the content grows, before that frame is painted', async () => {
	const { stream, scroller } = await setup();
	await streamLines(stream, 20);
	// ResizeObserver callbacks run after layout and before paint, in the order the observers were
	// created; this one was created after the viewport's, so it sees what the next paint will show.
	const seen: number[] = [];
	const content = scroller.querySelector('[data-llm-viewport-content]')!;
	const observer = new ResizeObserver(() => seen.push(gap(scroller)));
	observer.observe(content);
	await nextFrame();
	seen.length = 0; // the observer's initial report
	await streamLines(stream, 30);
	observer.disconnect();
	expect(seen.length).toBeGreaterThanOrEqual(30);
	expect(Math.max(...seen)).toBeLessThanOrEqual(1);
});

test('a wheel scroll up releases it: the position stays put while text streams, then "Jump to latest" returns', async () => {
	const { stream, scroller, screen } = await setup();
	await streamLines(stream, 40);
	expect(gap(scroller)).toBeLessThanOrEqual(1);

	await userEvent.wheel(scroller, { delta: { y: -300 } });
	await expect.poll(() => gap(scroller)).toBeGreaterThan(200);
	const jump = screen.getByRole('button', { name: /jump to latest/i });
	await expect.element(jump).toBeVisible();
	await nextFrame();
	const readingAt = scroller.scrollTop;

	await streamLines(stream, 20);
	expect(scroller.scrollTop).toBe(readingAt);
	expect(gap(scroller)).toBeGreaterThan(600);

	await jump.click();
	expect(gap(scroller)).toBeLessThanOrEqual(1);
	await expect.element(jump).not.toBeInTheDocument();
	expect(document.activeElement).toBe(scroller);
	await streamLines(stream, 5);
	expect(gap(scroller)).toBeLessThanOrEqual(1);
});

test('keyboard: PageUp in the focused region releases it, End scrolls back and it follows again', async () => {
	const { stream, scroller, screen } = await setup();
	await streamLines(stream, 40);
	scroller.focus();
	await userEvent.keyboard('{PageUp}');
	await expect.poll(() => gap(scroller)).toBeGreaterThan(100);
	await expect.element(screen.getByRole('button', { name: /jump to latest/i })).toBeVisible();

	await userEvent.keyboard('{End}');
	await expect.poll(() => gap(scroller)).toBeLessThanOrEqual(1);
	await expect
		.element(screen.getByRole('button', { name: /jump to latest/i }))
		.not.toBeInTheDocument();
	await streamLines(stream, 5);
	expect(gap(scroller)).toBeLessThanOrEqual(1);
});

test('keyboard: Tab reaches "Jump to latest" with a visible focus ring; Enter jumps and focuses the region', async () => {
	const { stream, scroller, screen } = await setup();
	await streamLines(stream, 40);
	await userEvent.wheel(scroller, { delta: { y: -300 } });
	const jump = screen.getByRole('button', { name: /jump to latest/i });
	await expect.element(jump).toBeVisible();

	scroller.focus();
	await userEvent.tab();
	expect(document.activeElement).toBe(jump.element());
	expect(jump.element().matches(':focus-visible')).toBe(true);
	const ring = getComputedStyle(jump.element());
	expect(`${ring.outlineStyle} ${ring.outlineWidth}`).toBe('solid 2px');

	await userEvent.keyboard('{Enter}');
	expect(gap(scroller)).toBeLessThanOrEqual(1);
	expect(document.activeElement).toBe(scroller);
	const regionRing = getComputedStyle(scroller);
	expect(`${regionRing.outlineStyle} ${regionRing.outlineWidth}`).toBe('solid 2px');
});
