// Bench page: the naive baseline, marked (the kit's version) over the whole text + innerHTML on every update.
import { marked } from '../../../node_modules/marked/lib/marked.esm.js';

/** @param {HTMLElement} target */
export function createRenderer(target) {
	return {
		/** @param {string} text */
		set(text) {
			target.innerHTML = /** @type {string} */ (marked.parse(text));
		},
		destroy: () => (target.innerHTML = '')
	};
}
