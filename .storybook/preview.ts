import type { Preview } from '@storybook/sveltekit';

const preview: Preview = {
	parameters: {
		controls: { expanded: true },
		a11y: { test: 'error' }
	}
};

export default preview;
