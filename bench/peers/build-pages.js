// Builds one ES module per renderer (vite production build) plus an index page, for the browser bench.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
/** @type {Record<string, string>} */
const ENTRIES = {
	kit: 'pages/kit.svelte.js',
	'marked-innerhtml': 'pages/marked-innerhtml.js',
	'svelte-streamdown': 'pages/svelte-streamdown.svelte.js',
	humanspeak: 'pages/humanspeak.svelte.js',
	'streamdown-react': 'pages/streamdown-react.js'
};

/**
 * @param {string} outDir
 * @param {string[]} names
 * @returns {Promise<string>} the directory to serve
 */
export async function buildPages(outDir, names) {
	const entry = Object.fromEntries(names.map((name) => [name, join(here, ENTRIES[name])]));
	await build({
		configFile: false,
		root: here,
		logLevel: 'error',
		// Styles go into the JS so every page is self-contained; one svelte runtime for kit and peers.
		plugins: [svelte({ emitCss: false, compilerOptions: { css: 'injected' } })],
		resolve: { dedupe: ['svelte'], conditions: ['svelte', 'browser'] },
		define: { 'process.env.NODE_ENV': '"production"' },
		build: {
			outDir,
			emptyOutDir: true,
			minify: true,
			lib: { entry, formats: ['es'] },
			rollupOptions: {
				output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' }
			}
		}
	});
	writeFileSync(
		join(outDir, 'index.html'),
		'<!doctype html><html><head><meta charset="utf-8"><title>markdown bench</title></head>' +
			'<body style="font: 16px/1.5 system-ui; max-width: 900px"><div id="app"></div></body></html>'
	);
	return outDir;
}
