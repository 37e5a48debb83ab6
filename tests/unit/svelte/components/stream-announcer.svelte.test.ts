import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, test } from 'vitest';
import StreamAnnouncer from '../../../../src/lib/svelte/components/stream-announcer/stream-announcer.svelte';
import { FakeStream, httpError } from './fixtures/fake-stream.svelte.js';

describe('StreamAnnouncer', () => {
	test('is one polite, atomic live region, mounted and empty while idle', () => {
		render(StreamAnnouncer, { status: 'idle' });
		const region = screen.getByRole('status');
		expect(region).toHaveAttribute('aria-live', 'polite');
		expect(region).toHaveAttribute('aria-atomic', 'true');
		expect(region).toHaveTextContent('');
	});

	test.each([
		['connecting', 'Answer started'],
		['streaming', 'Answer started'],
		['reconnecting', 'Connection lost, reconnecting'],
		['done', 'Answer complete'],
		['aborted', 'Answer stopped']
	] as const)('%s → "%s"', (status, text) => {
		render(StreamAnnouncer, { status });
		expect(screen.getByRole('status')).toHaveTextContent(text);
	});

	test('announces the error in plain words', () => {
		render(StreamAnnouncer, { status: 'error', error: httpError(503) });
		expect(screen.getByRole('status')).toHaveTextContent(
			'Answer failed. The server had a problem (HTTP 503).'
		);
	});

	test('announces the start and the end of an answer, never its tokens', () => {
		const stream = new FakeStream();
		render(StreamAnnouncer, { stream });
		const region = screen.getByRole('status');
		const observer = new MutationObserver(() => {});
		observer.observe(region, { childList: true, characterData: true, subtree: true });
		const heard: string[] = [];
		// Every DOM write to the region counts, even one that rewrites the same words.
		const frame = () => {
			flushSync();
			if (observer.takeRecords().length > 0) heard.push(region.textContent!.trim());
		};

		stream.status = 'connecting';
		frame();
		stream.status = 'streaming';
		frame();
		for (const token of ['Once', ' upon', ' a', ' time', '.']) {
			stream.text += token;
			frame();
		}
		stream.status = 'done';
		frame();
		observer.disconnect();
		expect(heard).toEqual(['Answer started', 'Answer complete']);
	});

	test('sentences can be replaced', () => {
		render(StreamAnnouncer, {
			status: 'error',
			error: httpError(500),
			announcements: { failed: (message) => `Fehler: ${message}` },
			describe: () => 'Serverfehler'
		});
		expect(screen.getByRole('status')).toHaveTextContent('Fehler: Serverfehler');
	});
});
