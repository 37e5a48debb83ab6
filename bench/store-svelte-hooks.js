// Node module hooks for bench/store.bench.js: compiles `*.svelte.js` modules (runes) with Svelte's
// compiler for the client, as a bundler would for the browser, and the bench's own runes helper
// (store-probe.runes.js; named so ESLint's typed `*.svelte.js` rules, which need a tsconfig entry,
// leave it alone). Both the kit's packaged store
// (dist/svelte/*.svelte.js) and @ai-sdk/svelte's Chat (dist/chat.svelte.js) go through this same
// path, so neither side gets a different build. Registered with `--import` by the bench's child.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compileModule } from 'svelte/compiler';

/**
 * @param {string} url
 * @param {{ format?: string }} context
 * @param {(url: string, context: object) => Promise<{ format: string, source: unknown }>} nextLoad
 */
export async function load(url, context, nextLoad) {
	const runes = url.endsWith('.svelte.js') || url.endsWith('/store-probe.runes.js');
	if (!url.startsWith('file:') || !runes) return nextLoad(url, context);
	const filename = fileURLToPath(url);
	const source = await readFile(filename, 'utf8');
	const { js } = compileModule(source, { filename, generate: 'client', dev: false });
	return { format: 'module', source: js.code, shortCircuit: true };
}
