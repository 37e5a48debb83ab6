import { sveltekit } from '@sveltejs/kit/vite';
import { svelteTesting } from '@testing-library/svelte/vite';
import { playwright } from '@vitest/browser-playwright';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { fileURLToPath } from 'node:url';
import { chromiumArgs, chromiumPath } from './scripts/chromium.js';
import type { Server } from 'node:http';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { attachChatWebSocket } from './scripts/chat-websocket.js';
import { pipeResponseToWebSocket } from './src/lib/server/websocket.js';

const chromium = () =>
	playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } });

/** The demo's `/api/chat/ws` (scripts/chat-websocket.js) under `vite dev` and `vite preview`. */
const demoChatWebSocket = (): Plugin => ({
	name: 'demo-chat-websocket',
	configureServer({ httpServer }) {
		if (httpServer) attachChatWebSocket(httpServer as Server, pipeResponseToWebSocket);
	},
	configurePreviewServer({ httpServer }) {
		attachChatWebSocket(httpServer as Server, pipeResponseToWebSocket);
	}
});

export default defineConfig({
	plugins: [sveltekit(), demoChatWebSocket()],
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['tests/unit/**/*.test.ts'],
					exclude: ['tests/**/*.svelte.test.ts']
				}
			},
			{
				extends: true,
				plugins: [svelteTesting()],
				test: {
					name: 'dom',
					environment: 'jsdom',
					include: ['tests/**/*.svelte.test.ts'],
					exclude: ['tests/**/*.browser.test.ts'],
					setupFiles: ['./tests/setup-dom.ts']
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					testTimeout: 20_000
				}
			},
			{
				extends: true,
				test: {
					name: 'browser',
					include: ['tests/browser/**/*.browser.test.ts'],
					browser: {
						enabled: true,
						headless: true,
						provider: chromium(),
						instances: [{ browser: 'chromium' }]
					}
				}
			},
			{
				extends: true,
				// Every story in src/stories runs as a test in Chromium: it must render, and its `play` asserts.
				plugins: [
					storybookTest({ configDir: fileURLToPath(new URL('./.storybook', import.meta.url)) })
				],
				test: {
					name: 'storybook',
					browser: {
						enabled: true,
						headless: true,
						provider: chromium(),
						instances: [{ browser: 'chromium' }]
					}
				}
			}
		]
	}
});
