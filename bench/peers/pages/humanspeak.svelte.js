// Bench page: @humanspeak/svelte-markdown with its `streaming` mode (token diffing). That mode renders
// in a requestAnimationFrame callback; the page queues those callbacks and runs them inside set(),
// so the timed span covers its rendering as it does for every other renderer.
import { flushSync, mount, unmount } from 'svelte';
import SvelteMarkdown from '@humanspeak/svelte-markdown';

/** @param {HTMLElement} target */
export function createRenderer(target) {
	/** @type {FrameRequestCallback[]} */
	let frames = [];
	window.requestAnimationFrame = (callback) => frames.push(callback);
	window.cancelAnimationFrame = (id) => {
		frames[id - 1] = () => {};
	};
	const props = $state({ source: '', streaming: true });
	const app = mount(SvelteMarkdown, { target, props });
	return {
		/** @param {string} text @param {boolean} streaming */
		set(text, streaming) {
			props.source = text;
			props.streaming = streaming;
			flushSync();
			for (let round = 0; round < 3 && frames.length > 0; round++) {
				const pending = frames;
				frames = [];
				for (const run of pending) run(performance.now());
				flushSync();
			}
		},
		destroy: () => unmount(app)
	};
}
