// Bench page: svelte-llm-stream's StreamingMarkdown, from the packaged kit (npm run bench packages it first).
import { flushSync, mount, unmount } from 'svelte';
import { StreamingMarkdown } from '../../../dist/svelte/components/streaming-markdown/index.js';

/** @param {HTMLElement} target */
export function createRenderer(target) {
	const props = $state({ source: '', streaming: true });
	const app = mount(StreamingMarkdown, { target, props });
	return {
		/** @param {string} text @param {boolean} streaming */
		set(text, streaming) {
			props.source = text;
			props.streaming = streaming;
			flushSync();
		},
		destroy: () => unmount(app)
	};
}
