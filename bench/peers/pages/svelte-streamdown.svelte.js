// Bench page: svelte-streamdown (beynar), its default streaming setup.
import { flushSync, mount, unmount } from 'svelte';
import { Streamdown } from 'svelte-streamdown';

/** @param {HTMLElement} target */
export function createRenderer(target) {
	const props = $state({ content: '' });
	const app = mount(Streamdown, { target, props });
	return {
		/** @param {string} text */
		set(text) {
			props.content = text;
			flushSync();
		},
		destroy: () => unmount(app)
	};
}
