// Server helpers against a hand-written ReadableStream endpoint, in the same process and run.
//
// Method
// - Per-event overhead: one response of 10,000 text-protocol events (1–8 character tokens from a
//   seeded generator, yielded by the same async generator in both variants), read to the end
//   in-process with a reader, so only server-side work is timed (no socket):
//     helpers  = sseResponse(textEventStream(tokens), { heartbeatMs: 0 })
//     baseline = new ReadableStream({ pull }) that awaits tokens.next() and enqueues
//                TextEncoder.encode(`id: ${n}\ndata: ${token}\n\n`), then the `done` event.
//   Both check their output length against each other. Timed in CPU time of this process
//   (process.cpuUsage), not wall time: with other engineers' test runs on the two cores, wall time
//   mostly measures the scheduler. Reported: median CPU µs per event of each, and
//   the median of the per-round ratios helpers/baseline (target: ≤ 1.2×) with its quartiles.
// - Time to first byte: a node:http server on 127.0.0.1:0, one keep-alive connection, POST with
//   zero token delay; TTFB = request end → first body byte at the client. Three endpoints:
//     baseline = hand-written ReadableStream Response behind @sveltejs/kit/node getRequest/setResponse
//     helpers  = sseResponse(textEventStream(...)) behind the same getRequest/setResponse
//     /api/chat = the built demo's endpoint (build/handler.js: SvelteKit routing, request
//                 validation, registry, mock LLM), measured only when build/ exists.
//   Reported: median and p90 of each, and the median of per-round ratios against the baseline.
//   The endpoints take turns in every order (all permutations, cycled).
// - Rounds are interleaved, the order alternating every round, after warm-up rounds; the machine has
//   two noisy cores, so figures vary a few percent between runs.
import { getRequest, setResponse } from '@sveltejs/kit/node';
import { existsSync } from 'node:fs';
import { Agent, createServer, request as httpRequest } from 'node:http';
import { sseResponse, textEventStream } from '../dist/server/index.js';
import { seeded } from './seeded.js';

const EVENTS = 10_000;
const OVERHEAD_ROUNDS = 60;
const TTFB_ROUNDS = 150;
const WARMUP = 5;

const random = seeded(42);
const TOKENS = Array.from({ length: EVENTS }, () => {
	const word = 'abcdefghijklmnopqrstuvwxyz'.slice(0, 1 + Math.floor(random() * 7));
	return random() < 0.5 ? ' ' + word : word;
});

/** @param {number} [count] */
async function* tokens(count = EVENTS) {
	for (let i = 0; i < count; i++) yield TOKENS[i];
}

/** @param {AsyncIterator<string>} iterator */
function baselineStream(iterator) {
	const encoder = new TextEncoder();
	let id = 1;
	let ended = false;
	return new ReadableStream(
		{
			async pull(controller) {
				if (ended) return;
				const next = await iterator.next();
				if (next.done) {
					ended = true;
					controller.enqueue(encoder.encode(`event: done\nid: ${id}\ndata: stop\n\n`));
					controller.close();
					return;
				}
				controller.enqueue(encoder.encode(`id: ${id++}\ndata: ${next.value}\n\n`));
			},
			async cancel() {
				await iterator.return?.();
			}
		},
		{ highWaterMark: 0 }
	);
}

const SSE_HEADERS = {
	'content-type': 'text/event-stream; charset=utf-8',
	'cache-control': 'no-cache, no-transform',
	'x-accel-buffering': 'no'
};

/** @param {ReadableStream<Uint8Array>} body */
async function readAll(body) {
	const reader = body.getReader();
	let bytes = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) return bytes;
		bytes += value.byteLength;
	}
}

/** @param {number[]} values */
const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
};
/** @param {number[]} values */
const p90 = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.9)];

async function overhead() {
	const variants = {
		helpers: () => sseResponse(textEventStream(tokens()), { heartbeatMs: 0 }).body,
		baseline: () => new Response(baselineStream(tokens()), { headers: SSE_HEADERS }).body
	};
	/** @type {Record<string, number[]>} */
	const times = { helpers: [], baseline: [] };
	const ratios = [];
	for (let round = 0; round < WARMUP + OVERHEAD_ROUNDS; round++) {
		const order = round % 2 ? ['baseline', 'helpers'] : ['helpers', 'baseline'];
		/** @type {Record<string, number>} */
		const took = {};
		/** @type {Record<string, number>} */
		const sizes = {};
		for (const name of order) {
			globalThis.gc?.();
			const started = process.cpuUsage();
			sizes[name] = await readAll(/** @type {ReadableStream<Uint8Array>} */ (variants[name]()));
			const used = process.cpuUsage(started);
			took[name] = (used.user + used.system) / EVENTS;
		}
		if (sizes.helpers !== sizes.baseline) {
			throw new Error(`outputs differ: ${sizes.helpers} vs ${sizes.baseline} bytes`);
		}
		if (round < WARMUP) continue;
		times.helpers.push(took.helpers);
		times.baseline.push(took.baseline);
		ratios.push(took.helpers / took.baseline);
	}
	const sorted = [...ratios].sort((a, b) => a - b);
	const quartile = (/** @type {number} */ q) => sorted[Math.floor((sorted.length - 1) * q)];
	return { times, ratio: median(ratios), q1: quartile(0.25), q3: quartile(0.75) };
}

/**
 * @param {(request: Request) => Promise<Response> | Response} handler
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>}
 */
const viaKitNode = (handler) => async (req, res) => {
	const request = await getRequest({ request: req, base: 'http://127.0.0.1' });
	await setResponse(res, await handler(request));
};

/**
 * @param {string[]} items
 * @returns {string[][]}
 */
const permutations = (items) =>
	items.length <= 1
		? [items]
		: items.flatMap((item, i) =>
				permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest])
			);

/** @param {Request} request */
async function parseEcho(request) {
	const { messages } = await request.json();
	const text = String(messages.at(-1).content).replace(/^echo:\s*/, '');
	return text.match(/\s*\S+/g) ?? [];
}

/** @param {string[]} words */
async function* wordsOf(words) {
	yield* words;
}

async function ttfb() {
	/** @type {Record<string, (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => unknown>} */
	const routes = {
		'/baseline': viaKitNode(
			async (request) =>
				new Response(baselineStream(wordsOf(await parseEcho(request))), { headers: SSE_HEADERS })
		),
		'/helpers': viaKitNode(async (request) =>
			sseResponse(textEventStream(wordsOf(await parseEcho(request))), { request })
		)
	};
	let kit;
	if (existsSync(new URL('../build/handler.js', import.meta.url))) {
		kit = (await import('../build/handler.js')).handler;
	}
	const server = createServer((req, res) => {
		const route = routes[/** @type {string} */ (req.url)];
		if (route) return void route(req, res);
		kit(req, res, () => res.writeHead(404).end());
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	const agent = new Agent({ keepAlive: true, maxSockets: 1 });
	const body = JSON.stringify({
		messages: [{ role: 'user', content: 'echo: one two three four five six seven eight' }],
		delayMs: 0
	});

	/** @param {string} path */
	const measure = (path) =>
		new Promise((resolve, reject) => {
			const req = httpRequest(
				{
					host: '127.0.0.1',
					port,
					path,
					method: 'POST',
					agent,
					headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
				},
				(res) => {
					let first = 0;
					res.once('data', () => (first = performance.now()));
					res.on('data', () => {});
					res.on('end', () =>
						res.statusCode === 200
							? resolve(first - sent)
							: reject(new Error(`${path}: ${res.statusCode}`))
					);
				}
			);
			req.on('error', reject);
			req.end(body);
			const sent = performance.now();
		});

	const names = ['/baseline', '/helpers', ...(kit ? ['/api/chat'] : [])];
	/** @type {Record<string, number[]>} */
	const times = Object.fromEntries(names.map((n) => [n, []]));
	/** @type {Record<string, number[]>} */
	const ratios = Object.fromEntries(names.map((n) => [n, []]));
	// Every order in turn: the endpoint measured right after /api/chat (whose registry keeps working
	// in the background) would otherwise be the same one in every other round.
	const orders = permutations(names);
	for (let round = 0; round < WARMUP + TTFB_ROUNDS; round++) {
		const order = orders[round % orders.length];
		/** @type {Record<string, number>} */
		const took = {};
		for (const name of order) took[name] = /** @type {number} */ (await measure(name));
		if (round < WARMUP) continue;
		for (const name of names) {
			times[name].push(took[name]);
			ratios[name].push(took[name] / took['/baseline']);
		}
	}
	agent.destroy();
	server.closeAllConnections();
	await new Promise((resolve) => server.close(() => resolve(undefined)));
	return { names, times, ratios, kit: Boolean(kit) };
}

console.log(
	`server.bench: sseResponse + textEventStream vs a hand-written ReadableStream (Node ${process.version})`
);
console.log(
	`per-event: ${EVENTS} events read in-process, ${OVERHEAD_ROUNDS} interleaved rounds after ${WARMUP} warm-up; ` +
		`TTFB: ${TTFB_ROUNDS} interleaved POSTs per endpoint over one keep-alive connection, zero token delay`
);

const cost = await overhead();
console.log('\nServer-side overhead per event (CPU µs, median over rounds)');
console.log(
	`  baseline ${median(cost.times.baseline).toFixed(3)} µs   helpers ${median(cost.times.helpers).toFixed(3)} µs   ` +
		`helpers/baseline ${cost.ratio.toFixed(3)}× (median of per-round ratios; target ≤ 1.20×: ${cost.ratio <= 1.2 ? 'met' : 'NOT met'})`
);
console.log(
	`  per-round ratios: quartiles ${cost.q1.toFixed(3)}× – ${cost.q3.toFixed(3)}× (the spread is machine noise)`
);

const first = await ttfb();
console.log('\nTime to first byte (ms)');
for (const name of first.names) {
	const label = name === '/api/chat' ? '/api/chat (built demo: kit + validation + registry)' : name;
	console.log(
		`  ${label.padEnd(54)} median ${median(first.times[name]).toFixed(3)}  p90 ${p90(first.times[name]).toFixed(3)}  ` +
			`vs baseline ${median(first.ratios[name]).toFixed(3)}×`
	);
}
if (!first.kit) console.log('  /api/chat skipped: build/ is missing (run `npx vite build` first)');
