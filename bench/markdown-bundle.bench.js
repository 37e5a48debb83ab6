// Bundle size of StreamingMarkdown vs svelte-streamdown's Streamdown.
//
// Method: a vite production build (minified, component CSS injected into the JS) of an entry that
// imports only the component, with `svelte` (the runtime every Svelte app already has) and shiki
// (`shiki`, `@shikijs/*`, loaded lazily by both) external. Reported: gzip (level 9) of the entry chunk
// plus every chunk it imports statically (what a page pays up front), and of all emitted chunks
// (including lazily imported ones such as mermaid or katex).
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const peers = join(here, 'peers');

const ENTRIES = {
	'StreamingMarkdown (this kit)':
		"export { default } from '../../../dist/svelte/components/streaming-markdown/streaming-markdown.svelte';",
	'svelte-streamdown 3.0.1 Streamdown': "export { Streamdown as default } from 'svelte-streamdown';"
};

function ensurePeers() {
	if (existsSync(join(peers, 'node_modules/svelte-streamdown'))) return;
	const result = spawnSync(
		'npm',
		['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', peers],
		{
			stdio: 'inherit'
		}
	);
	if (result.status !== 0) throw new Error('installing bench/peers failed');
}

/** @param {string} id */
const isExternal = (id) => /^(svelte|shiki|@shikijs)(\/|$)/.test(id);

/** @param {string} code */
const gzip = (code) => gzipSync(code, { level: 9 }).length;

/** @param {string} source */
async function measure(source) {
	const entry = join(peers, 'pages', '.size-entry.js');
	writeFileSync(entry, source);
	// The entry must sit inside bench/peers so the peers resolve; never leave it behind.
	let result;
	try {
		result =
			/** @type {import('vite').Rollup.RollupOutput | import('vite').Rollup.RollupOutput[]} */ (
				await build({
					configFile: false,
					root: peers,
					logLevel: 'error',
					plugins: [svelte({ emitCss: false, compilerOptions: { css: 'injected' } })],
					resolve: { conditions: ['svelte', 'browser'] },
					define: { 'process.env.NODE_ENV': '"production"' },
					build: {
						write: false,
						minify: true,
						lib: { entry, formats: ['es'], fileName: 'entry' },
						rollupOptions: { external: isExternal }
					}
				})
			);
	} finally {
		rmSync(entry);
	}
	const output = Array.isArray(result) ? result[0] : result;
	const chunks = new Map(
		output.output
			.filter((o) => o.type === 'chunk')
			.map((c) => [c.fileName, /** @type {import('vite').Rollup.OutputChunk} */ (c)])
	);
	const entryChunk = [...chunks.values()].find((c) => c.isEntry);
	if (!entryChunk) throw new Error('no entry chunk');
	const seen = new Set();
	const walk = (/** @type {import('vite').Rollup.OutputChunk} */ chunk) => {
		if (seen.has(chunk.fileName)) return;
		seen.add(chunk.fileName);
		for (const name of chunk.imports) {
			const next = chunks.get(name);
			if (next) walk(next);
		}
	};
	walk(entryChunk);
	let initial = 0;
	let all = 0;
	for (const chunk of chunks.values()) {
		const size = gzip(chunk.code);
		all += size;
		if (seen.has(chunk.fileName)) initial += size;
	}
	return { initial, all, chunks: chunks.size };
}

async function main() {
	ensurePeers();
	console.log(
		'Bundle size, gzip -9 of a minified vite build; svelte runtime and shiki external.\n'
	);
	/** @type {Array<[string, {initial: number, all: number, chunks: number}]>} */
	const rows = [];
	for (const [name, source] of Object.entries(ENTRIES)) rows.push([name, await measure(source)]);
	const [, kit] = rows[0];
	const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} kB`;
	console.log(
		'  component                              up front (static)   all chunks   | ratio up front / kit'
	);
	for (const [name, size] of rows) {
		console.log(
			`  ${name.padEnd(38)} ${kb(size.initial).padStart(12)} ${kb(size.all).padStart(16)} (${size.chunks} chunks)   | ${(size.initial / kit.initial).toFixed(2)}x`
		);
	}
	const [, peer] = rows[1];
	console.log(
		`\nTarget: kit smaller than svelte-streamdown up front: ${kit.initial < peer.initial ? 'MET' : 'MISSED'} (${kb(kit.initial)} vs ${kb(peer.initial)})`
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
