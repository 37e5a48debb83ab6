// Bench page: Vercel's streamdown (React 19), mode "streaming"; flushSync makes each update synchronous.
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { Streamdown } from 'streamdown';

/** @param {HTMLElement} target */
export function createRenderer(target) {
	const root = createRoot(target);
	return {
		/** @param {string} text @param {boolean} streaming */
		set(text, streaming) {
			flushSync(() =>
				root.render(createElement(Streamdown, { mode: 'streaming', isAnimating: streaming }, text))
			);
		},
		destroy: () => root.unmount()
	};
}
