import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter(),
		// The JSON API answers cross-site form posts itself, with a JSON 403 (see api/chat/request.ts),
		// instead of kit's plain-text one; the demo has no form actions to protect.
		csrf: { trustedOrigins: ['*'] }
	}
};

export default config;
