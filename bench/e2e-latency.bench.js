// End-to-end latency: from the server writing a token to that token being on screen in Chromium,
// and the JavaScript the chat route loads.
//
// Method
// - Builds the demo (`vite build`) and serves it with `node build` on 127.0.0.1.
// - A transparent proxy on loopback sits between Chromium and the server and stamps the moment it
//   writes each SSE event to the browser's socket (event ends found with the kit's SSE decoder) (Node's `performance.timeOrigin + now()`, the same
//   wall clock the page uses). That is "the server writing the token" as the browser's socket sees it.
// - The page (the real demo at `/`, real store, real DOM) asks the mock for a 2,000-token answer
//   (`echo:` prompt, 5 ms per token). A MutationObserver on the assistant message records, per DOM
//   change, the time and the text length: "committed" is when the token's text entered the DOM (the
//   store flushes inside requestAnimationFrame); "painted" is when a message posted at that moment
//   arrives: a task, so it runs only after the frame being updated was rendered and painted.
// - Tokens are unique words (`w0 w1 …`, a blank line every 40, so the answer has 50 paragraphs);
//   token i is matched to the first DOM change after which the answer's last word is `w<i>` or later.
// - Reports p50/p99/max in ms over all tokens; targets (write → painted): p50 < 16.7 ms, p99 < 33.3 ms.
// - JS size: every script the chat route's HTML loads (entry + modulepreloads), gzip -9, summed.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { createSSEDecoder } from '../dist/core/index.js';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.js';

const TOKENS = 2000;
const DELAY_MS = 5;
const now = () => performance.timeOrigin + performance.now();

/** @returns {Promise<number>} */
const freePort = () =>
	new Promise((resolve) => {
		const server = createNetServer().listen(0, '127.0.0.1', () => {
			const address = /** @type {import('node:net').AddressInfo} */ (server.address());
			server.close(() => resolve(address.port));
		});
	});

/** @param {number[]} values @param {number} p */
const percentile = (values, p) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
	stdio: 'ignore'
});
if (build.status !== 0) throw new Error('vite build failed');

const serverPort = await freePort();
const server = spawn(process.execPath, ['build'], {
	env: { ...process.env, PORT: String(serverPort), HOST: '127.0.0.1' },
	stdio: 'ignore'
});
const target = `http://127.0.0.1:${serverPort}`;
for (let i = 0; ; i++) {
	try {
		await fetch(target, { method: 'HEAD' });
		break;
	} catch {
		if (i > 200) throw new Error('node build did not start');
		await new Promise((r) => setTimeout(r, 50));
	}
}

/** @type {number[]} */
const writtenAt = [];
const proxy = createServer((req, res) => {
	const upstream = request(new URL(req.url ?? '/', target), {
		method: req.method,
		headers: req.headers
	});
	upstream.on('response', (upstreamRes) => {
		res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
		const stamp = req.method === 'POST' && req.url?.startsWith('/api/chat');
		// The kit's own decoder tells where each token's event ends in the byte stream.
		const decoder = createSSEDecoder({
			onEvent: (event) => void (event.event === 'message' && writtenAt.push(now()))
		});
		upstreamRes.on('data', (/** @type {Buffer} */ chunk) => {
			res.write(chunk);
			if (stamp) decoder.push(new Uint8Array(chunk));
		});
		upstreamRes.on('end', () => res.end());
	});
	req.pipe(upstream);
});
const proxyPort = await freePort();
await new Promise((r) => proxy.listen(proxyPort, '127.0.0.1', () => r(undefined)));

// A realistic shape: paragraphs of 40 words, so the markdown renderer sees many blocks.
const words = Array.from({ length: TOKENS }, (_, i) =>
	i > 0 && i % 40 === 0 ? `\n\nw${i}` : `w${i}`
);
const browser = await chromium.launch({
	executablePath: chromiumPath,
	args: chromiumArgs,
	headless: true
});
try {
	const page = await browser.newPage();
	await page.goto(`http://127.0.0.1:${proxyPort}/?delayMs=${DELAY_MS}`);
	await page.locator('main[data-hydrated]').waitFor();
	await page.evaluate(() => {
		// The assistant message appears on send; measure the text of the latest one.
		const answerText = () => {
			const answers = document.querySelectorAll(
				'[data-llm-role="assistant"] [data-llm-message-content]'
			);
			return (answers[answers.length - 1]?.textContent ?? '').trim();
		};
		/** @type {Array<{ last: number, committed: number, painted: number }>} */
		const log = [];
		Object.assign(window, { __latencyLog: log });
		const channel = new MessageChannel();
		/** @type {Array<{ last: number, committed: number, painted: number }>} */
		let waiting = [];
		// The store commits inside a requestAnimationFrame callback; a message posted there is delivered
		// as a task after that frame has been rendered, so its arrival bounds when the pixels were painted.
		channel.port1.onmessage = () => {
			const at = performance.timeOrigin + performance.now();
			for (const entry of waiting) entry.painted = at;
			waiting = [];
		};
		new MutationObserver(() => {
			const entry = {
				last: Number(/w(\d+)\s*$/.exec(answerText())?.[1] ?? -1),
				committed: performance.timeOrigin + performance.now(),
				painted: 0
			};
			log.push(entry);
			if (waiting.push(entry) === 1) channel.port2.postMessage(null);
		}).observe(document.body, { childList: true, characterData: true, subtree: true });
	});
	await page.getByRole('textbox', { name: 'Message' }).fill(`echo: ${words.join(' ')}`);
	await page.getByRole('button', { name: 'Send' }).click();
	await page
		.locator('[data-llm-role="assistant"][data-llm-status="done"]')
		.waitFor({ timeout: 120_000 });
	await page.waitForTimeout(100);
	/** @type {Array<{ last: number, committed: number, painted: number }>} */
	const log = await page.evaluate(() => /** @type {any} */ (window).__latencyLog);

	const committed = [];
	const painted = [];
	let cursor = 0;
	for (let i = 0; i < TOKENS; i++) {
		while (cursor < log.length && log[cursor].last < i) cursor++;
		if (cursor === log.length) throw new Error(`token ${i} never reached the DOM`);
		committed.push(log[cursor].committed - writtenAt[i]);
		painted.push(log[cursor].painted - writtenAt[i]);
	}
	if (writtenAt.length < TOKENS) throw new Error(`only ${writtenAt.length} events were stamped`);

	// Every script the route actually loaded, as the browser's resource timing lists them.
	/** @type {string[]} */
	const scripts = await page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.map((entry) => new URL(entry.name).pathname)
			.filter((path) => path.endsWith('.js'))
	);
	let gzipBytes = 0;
	let rawBytes = 0;
	for (const path of new Set(scripts)) {
		const file = readFileSync(`build/client${path}`);
		rawBytes += file.length;
		gzipBytes += gzipSync(file, { level: 9 }).length;
	}

	const row = (/** @type {string} */ name, /** @type {number[]} */ values) =>
		`${name.padEnd(28)} p50 ${percentile(values, 50).toFixed(1).padStart(6)} ms   p99 ${percentile(values, 99).toFixed(1).padStart(6)} ms   max ${Math.max(
			...values
		)
			.toFixed(1)
			.padStart(6)} ms`;
	console.log(`tokens: ${TOKENS}, mock delay ${DELAY_MS} ms/token, DOM changes: ${log.length}`);
	console.log(row('write → committed to DOM', committed));
	console.log(row('write → painted', painted));
	console.log(
		`targets (write → painted): p50 < 16.7 ms ${percentile(painted, 50) < 16.7 ? 'met' : 'MISSED'}, p99 < 33.3 ms ${percentile(painted, 99) < 33.3 ? 'met' : 'MISSED'}`
	);
	console.log(
		`chat route JavaScript: ${new Set(scripts).size} files, ${(rawBytes / 1024).toFixed(1)} KiB raw, ${(gzipBytes / 1024).toFixed(1)} KiB gzip`
	);
} finally {
	await browser.close();
	proxy.close();
	server.kill();
}
