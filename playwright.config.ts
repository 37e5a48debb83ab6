import { defineConfig, devices } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { chromiumArgs, chromiumPath } from './scripts/chromium.js';

// A free port, chosen once: workers re-read this config but inherit the environment.
process.env.E2E_PORT ??= execFileSync(process.execPath, [
	'-e',
	"const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
])
	.toString()
	.trim();
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	workers: 1,
	forbidOnly: !!process.env.CI,
	reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
	outputDir: 'test-results/e2e',
	snapshotPathTemplate: '{testDir}/__screenshots__/{testFilePath}/{arg}{ext}',
	expect: { toHaveScreenshot: { maxDiffPixels: 50, animations: 'disabled' } },
	webServer: {
		command: 'node scripts/demo-server.js',
		env: { PORT: process.env.E2E_PORT, HOST: '127.0.0.1' },
		url: baseURL,
		reuseExistingServer: false,
		stdout: 'pipe'
	},
	use: { baseURL, trace: 'retain-on-failure' },
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				viewport: { width: 800, height: 600 },
				launchOptions: { executablePath: chromiumPath, args: chromiumArgs }
			}
		}
	]
});
