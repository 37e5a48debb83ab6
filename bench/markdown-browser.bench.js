// Streaming markdown in a real browser: StreamingMarkdown vs marked+innerHTML and three peer renderers.
//
// Method: every renderer gets its own page (vite production build, Chromium from CHROME_PATH or
// /usr/bin/chromium, 1000x800). The same answer (1k, 4k and 16k tokens of about four characters, mixed
// headings, lists, code, tables, quotes) is streamed TOKENS_PER_UPDATE tokens per update. One update =
// set the text, flush synchronously (Svelte flushSync, React flushSync) and force style + layout
// (offsetHeight); that span is timed with performance.now(), on cross-origin isolated pages (COOP
// and COEP headers) so it ticks in 5 µs, not 100 µs. Between updates the page yields one
// macrotask so deferred work (highlighting, transitions) runs, and "wall" covers the whole stream
// including it. Sizes run small to large; each size runs ROUNDS rounds, and within a size the
// renderer order rotates every round (interleaving). The machine is shared and noisy, so each
// renderer's figures come from its round with the lowest total (the least disturbed one).
// A renderer that needs more than BUDGET_MS for one size is stopped there and marked "stopped".
// Peers live in bench/peers (installed with scripts disabled, never dependencies of the kit).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.js';
import { answerTokens } from './peers/answers.js';
import { buildPages } from './peers/build-pages.js';

const here = dirname(fileURLToPath(import.meta.url));
const SIZES = (process.env.MD_BENCH_SIZES ?? '1000,4000,16000').split(',').map(Number);
const TOKENS_PER_UPDATE = Number(process.env.MD_BENCH_TOKENS_PER_UPDATE ?? 4);
const BUDGET_MS = Number(process.env.MD_BENCH_BUDGET_MS ?? 90_000);
const ROUNDS = Number(process.env.MD_BENCH_ROUNDS ?? 2);
const RENDERERS = [
	'kit',
	'marked-innerhtml',
	'svelte-streamdown',
	'humanspeak',
	'streamdown-react'
];
const LABELS = {
	kit: 'StreamingMarkdown (this kit)',
	'marked-innerhtml': 'marked + innerHTML (whole text)',
	'svelte-streamdown': 'svelte-streamdown 3.0.1',
	humanspeak: '@humanspeak/svelte-markdown 1.9.1',
	'streamdown-react': 'streamdown 2.7.1 (React 19)'
};

function ensurePeers() {
	if (existsSync(join(here, 'peers/node_modules/svelte-streamdown'))) return;
	console.log('Installing bench peers (npm install --ignore-scripts --prefix bench/peers)…');
	const result = spawnSync(
		'npm',
		['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', join(here, 'peers')],
		{
			stdio: 'inherit'
		}
	);
	if (result.status !== 0) throw new Error('installing bench/peers failed');
}

/** @param {string} root */
function serve(root) {
	const types = {
		'.js': 'text/javascript',
		'.html': 'text/html',
		'.css': 'text/css',
		'.wasm': 'application/wasm'
	};
	const server = createServer((request, response) => {
		const path = new URL(request.url ?? '/', 'http://x').pathname;
		const file = resolve(root, '.' + (path === '/' ? '/index.html' : path));
		if (!file.startsWith(root) || !existsSync(file)) {
			response.writeHead(404).end();
			return;
		}
		response.writeHead(200, {
			'content-type':
				types[/** @type {keyof types} */ (extname(file))] ?? 'application/octet-stream',
			// Cross-origin isolation: performance.now() then ticks in 5 µs, not 100 µs, which matters
			// for updates of 0.3–1 ms (everything the pages load is same-origin).
			'cross-origin-opener-policy': 'same-origin',
			'cross-origin-embedder-policy': 'require-corp'
		});
		response.end(readFileSync(file));
	});
	return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

/**
 * Runs inside the page.
 * @param {{ name: string, tokens: string[], perUpdate: number, budget: number }} args
 */
async function streamInPage({ name, tokens, perUpdate, budget }) {
	const { createRenderer } = await import(`/${name}.js`);
	const target = /** @type {HTMLElement} */ (document.getElementById('app'));
	const renderer = createRenderer(target);
	const channel = new MessageChannel();
	const yieldTask = () =>
		new Promise((done) => {
			channel.port1.onmessage = () => done(undefined);
			channel.port2.postMessage(null);
		});
	/** @type {number[]} */
	const times = [];
	let text = '';
	let stopped = false;
	const start = performance.now();
	for (let i = 0; i < tokens.length; i += perUpdate) {
		text += tokens.slice(i, i + perUpdate).join('');
		const t0 = performance.now();
		renderer.set(text, true);
		void target.offsetHeight;
		times.push(performance.now() - t0);
		await yieldTask();
		if (performance.now() - start > budget) {
			stopped = true;
			break;
		}
	}
	const t0 = performance.now();
	renderer.set(text, false);
	void target.offsetHeight;
	const finish = performance.now() - t0;
	const wall = performance.now() - start;
	const textLength = target.textContent?.length ?? 0;
	renderer.destroy();
	return { times, finish, wall, stopped, textLength };
}

/** @param {number[]} sorted @param {number} q */
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
/** @param {number[]} values */
const mean = (values) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
/** @param {number} ms */
const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
/** @param {number} value @param {number} base */
const ratio = (value, base) => `${(value / base).toFixed(2)}x`;

async function main() {
	ensurePeers();
	const pagesDir = await buildPages(join(here, 'results/markdown-pages'), RENDERERS);
	const server = /** @type {import('node:http').Server} */ (await serve(pagesDir));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
	console.log(
		`Streaming markdown, Chromium ${browser.version()}, ${TOKENS_PER_UPDATE} tokens per update, ${ROUNDS} rounds (best kept), budget ${BUDGET_MS / 1000}s per renderer, size and round.`
	);
	console.log(
		'Per update = set text + synchronous flush + forced layout. Ratios are renderer / StreamingMarkdown (higher = slower than the kit).\n'
	);

	/** @type {Record<number, Record<string, ReturnType<typeof summarise>>>} */
	const results = {};
	/** @param {Awaited<ReturnType<typeof streamInPage>>} run */
	function summarise(run) {
		const sorted = [...run.times].sort((a, b) => a - b);
		return {
			updates: run.times.length,
			p50: quantile(sorted, 0.5),
			p99: quantile(sorted, 0.99),
			total: run.times.reduce((a, b) => a + b, 0) + run.finish,
			last100: mean(run.times.slice(-100)),
			wall: run.wall,
			stopped: run.stopped,
			textLength: run.textLength
		};
	}

	/** @type {boolean | undefined} whether the pages got fine-grained timers */
	let isolated;
	for (const [index, size] of SIZES.entries()) {
		const tokens = answerTokens(size);
		results[size] = {};
		for (let round = 0; round < ROUNDS; round++) {
			const shift = index + round;
			const order = RENDERERS.map((_, i) => RENDERERS[(i + shift) % RENDERERS.length]);
			for (const name of order) {
				// A renderer already stopped by the budget at this size is not run again.
				if (results[size][name]?.stopped) continue;
				const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
				page.on('pageerror', (error) => console.log(`  [${name}] page error: ${error.message}`));
				await page.goto(`http://127.0.0.1:${address.port}/`);
				isolated ??= await page.evaluate(() => globalThis.crossOriginIsolated);
				const run = summarise(
					await page.evaluate(streamInPage, {
						name,
						tokens,
						perUpdate: TOKENS_PER_UPDATE,
						budget: BUDGET_MS
					})
				);
				const best = results[size][name];
				if (!best || run.total < best.total) results[size][name] = run;
				await page.close();
			}
		}
		const kit = results[size].kit;
		console.log(`${size} tokens (${tokens.join('').length} chars, ${kit.updates} updates)`);
		console.log(
			'  renderer                          p50 ms   p99 ms   total ms  last-100 ms  wall ms   | p50    p99    total  last-100'
		);
		for (const name of RENDERERS) {
			const r = results[size][name];
			const row = `  ${LABELS[name].padEnd(33)} ${fmt(r.p50).padStart(7)} ${fmt(r.p99).padStart(8)} ${fmt(r.total).padStart(10)} ${fmt(r.last100).padStart(12)} ${fmt(r.wall).padStart(8)}`;
			const ratios =
				name === 'kit'
					? '   | 1.00x  1.00x  1.00x  1.00x'
					: `   | ${ratio(r.p50, kit.p50).padEnd(6)} ${ratio(r.p99, kit.p99).padEnd(6)} ${ratio(r.total, kit.total).padEnd(6)} ${ratio(r.last100, kit.last100)}`;
			const note = r.stopped
				? `  (stopped after ${r.updates} updates: totals are lower bounds)`
				: '';
			console.log(row + ratios + note + `  [${r.textLength} chars shown]`);
		}
		console.log('');
	}
	await browser.close();
	server.close();

	const largest = Math.max(...SIZES);
	const smallest = Math.min(...SIZES);
	const kitLarge = results[largest].kit;
	const peers = RENDERERS.filter((n) => n !== 'kit');
	const best = peers.reduce((a, b) =>
		results[largest][a].total <= results[largest][b].total ? a : b
	);
	const checks = [
		[
			`total at ${largest} ≤ 0.5 × best peer (${LABELS[best]})`,
			kitLarge.total / results[largest][best].total,
			0.5
		],
		[
			`last-100 mean at ${largest} ≤ 1.5 × last-100 mean at ${smallest}`,
			kitLarge.last100 / results[smallest].kit.last100,
			1.5
		],
		[`p99 per update at ${largest} < 16.7 ms`, kitLarge.p99, 16.7]
	];
	console.log(
		isolated
			? 'Timers: cross-origin isolated pages, performance.now() in 5 µs steps.'
			: 'Timers: the pages were NOT cross-origin isolated; performance.now() ran in 100 µs steps.'
	);
	console.log('Targets');
	for (const [what, value, limit] of checks) {
		console.log(
			`  ${value < limit || value === limit ? 'MET   ' : 'MISSED'} ${what}: ${Number(value).toFixed(2)} (limit ${limit})`
		);
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
