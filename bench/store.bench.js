// The reactive token store (createTokenStream from the packaged kit, dist/) against @ai-sdk/svelte's
// Chat consuming the same bytes, in the same process and the same run.
//
// Method
// - Runtime: the stores are Svelte 5 runes modules (`*.svelte.js`), which need Svelte's client
//   runtime. This file re-runs itself in a child Node process with `--conditions=browser
//   --conditions=svelte` (the export conditions a browser bundler uses) and module hooks
//   (store-svelte-hooks.js) that compile every `*.svelte.js` with svelte/compiler for the client:
//   the kit's dist/svelte/token-stream.svelte.js and @ai-sdk/svelte's dist/chat.svelte.js alike.
//   A dependent `$effect` (store-probe.runes.js) reads the answer as a component would: `stream.text`
//   for the kit, the text part's `.text` of the last message for Chat. No DOM is rendered, so the
//   figures are the cost of the stores, not of painting.
// - Frames: requestAnimationFrame is emulated at 60 Hz with timers aligned to 1000/60 ms, because
//   Node has none; the kit's store batches on it by default. Chat has no frame batching (it updates
//   per chunk), which is the point of the comparison.
// - Stream: the Vercel AI SDK UI message stream (what toUIMessageStreamResponse() sends), N
//   `text-delta` events of 4–7 characters, served by an in-memory `fetch` in 16-event chunks. The kit
//   reads it with protocol `ai-sdk-ui`; Chat with its DefaultChatTransport. Both must end with the
//   same text, or the run fails.
// - Per-token cost: wall time from start to the resolved answer, divided by N, at N = 1,000 and
//   50,000; median of interleaved rounds after a warm-up. A flat cost shows as a 50k/1k ratio near 1.
//   `streamLLM` alone (no store, no effect) is the transport floor under the kit's figure.
// - Updates per second: a real-time source emits 1,000 tokens/s for 3 s; the dependent effect's runs
//   are counted while it streams and divided by the streaming time. The frame rate (60/s) is the
//   ceiling the kit must stay under.
import { spawnSync } from 'node:child_process';

if (!process.env.STORE_BENCH_CHILD) {
	const register =
		'data:text/javascript,import { register } from "node:module"; ' +
		`register(${JSON.stringify(new URL('./store-svelte-hooks.js', import.meta.url).href)});`;
	const child = spawnSync(
		process.execPath,
		[
			'--expose-gc',
			'--conditions=browser',
			'--conditions=svelte',
			'--import',
			register,
			new URL(import.meta.url).pathname
		],
		{ stdio: 'inherit', env: { ...process.env, STORE_BENCH_CHILD: '1' } }
	);
	process.exit(child.status ?? 1);
}

const FRAME_MS = 1000 / 60;
/**
 * A vsync-like requestAnimationFrame: callbacks requested during frame k run together at the start
 * of frame k+1 (frames are 1000/60 ms slots of performance.now()), and never twice in one slot, even
 * when a timer fires early or late.
 */
function installAnimationFrames() {
	/** @type {Map<number, FrameRequestCallback>} */
	let queue = new Map();
	let nextId = 1;
	let lastSlot = -1;
	/** @type {ReturnType<typeof setTimeout> | null} */
	let timer = null;
	const untilNextSlot = () => {
		const now = performance.now();
		return Math.max(1, Math.ceil((Math.floor(now / FRAME_MS) + 1) * FRAME_MS - now));
	};
	const tick = () => {
		const slot = Math.floor(performance.now() / FRAME_MS);
		if (slot === lastSlot) {
			timer = setTimeout(tick, untilNextSlot());
			return;
		}
		timer = null;
		lastSlot = slot;
		const callbacks = queue;
		queue = new Map();
		for (const callback of callbacks.values()) callback(performance.now());
	};
	globalThis.requestAnimationFrame = (callback) => {
		queue.set(nextId, callback);
		timer ??= setTimeout(tick, untilNextSlot());
		return nextId++;
	};
	globalThis.cancelAnimationFrame = (id) => void queue.delete(id);
}
installAnimationFrames();

const { flushSync } = await import('svelte');
const { Chat } = await import('@ai-sdk/svelte');
const { DefaultChatTransport } = await import('ai');
const { createTokenStream } = await import('../dist/svelte/token-stream.svelte.js');
const { streamLLM } = await import('../dist/core/index.js');
const { watch } = await import('./store-probe.runes.js');

const URL_ = 'http://bench.local/api/chat';
const HEADERS = { 'content-type': 'text/event-stream', 'x-vercel-ai-ui-message-stream': 'v1' };
const encoder = new TextEncoder();
const event = (/** @type {object | string} */ data) =>
	`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
const HEAD = [{ type: 'start' }, { type: 'start-step' }, { type: 'text-start', id: 't1' }]
	.map(event)
	.join('');
const TAIL =
	[
		{ type: 'text-end', id: 't1' },
		{ type: 'finish-step' },
		{ type: 'finish', finishReason: 'stop' }
	]
		.map(event)
		.join('') + event('[DONE]');

/** @param {number} i */
const token = (i) => ` t${(i * 7919) % 100000}`;

/** The whole stream as 16-event chunks. @param {number} n */
function chunksFor(n) {
	const chunks = [encoder.encode(HEAD)];
	for (let i = 0; i < n; i += 16) {
		let text = '';
		for (let j = i; j < Math.min(n, i + 16); j++) {
			text += event({ type: 'text-delta', id: 't1', delta: token(j) });
		}
		chunks.push(encoder.encode(text));
	}
	chunks.push(encoder.encode(TAIL));
	return chunks;
}

/** A fetch that answers with the pre-encoded chunks, one per pull. @param {Uint8Array[]} chunks */
function memoryFetch(chunks) {
	return /** @type {typeof fetch} */ (
		async () => {
			let next = 0;
			const body = new ReadableStream({
				pull(controller) {
					if (next < chunks.length) controller.enqueue(chunks[next++]);
					else controller.close();
				}
			});
			return new Response(body, { headers: HEADERS });
		}
	);
}

/** A fetch that emits `perSecond` tokens in real time, `total` in all. */
function realTimeFetch(/** @type {number} */ perSecond, /** @type {number} */ total) {
	return /** @type {typeof fetch} */ (
		async () => {
			let timer;
			const body = new ReadableStream({
				start(controller) {
					controller.enqueue(encoder.encode(HEAD));
					const startedAt = performance.now();
					let sent = 0;
					timer = setInterval(() => {
						const due = Math.min(
							total,
							Math.floor(((performance.now() - startedAt) * perSecond) / 1000)
						);
						let text = '';
						for (; sent < due; sent++)
							text += event({ type: 'text-delta', id: 't1', delta: token(sent) });
						if (text) controller.enqueue(encoder.encode(text));
						if (sent === total) {
							clearInterval(timer);
							controller.enqueue(encoder.encode(TAIL));
							controller.close();
						}
					}, 2);
				},
				cancel: () => clearInterval(timer)
			});
			return new Response(body, { headers: HEADERS });
		}
	);
}

/** @typedef {{ text: string, runs: number, ms: number }} Outcome */

/** @param {typeof fetch} fetch @returns {Promise<Outcome>} */
async function runKit(fetch) {
	const stream = createTokenStream({ url: URL_, protocol: 'ai-sdk-ui', fetch, reconnect: false });
	const probe = watch(() => stream.text);
	flushSync();
	const startedAt = performance.now();
	await stream.start();
	flushSync();
	const ms = performance.now() - startedAt;
	probe.stop();
	return { text: stream.text, runs: probe.runs - 1, ms };
}

/** @param {typeof fetch} fetch @returns {Promise<Outcome>} */
async function runChat(fetch) {
	const chat = new Chat({ transport: new DefaultChatTransport({ api: URL_, fetch }) });
	const textOf = () => {
		const message = chat.messages.at(-1);
		if (message?.role !== 'assistant') return '';
		const part = message.parts.find((p) => p.type === 'text');
		return part && 'text' in part ? part.text : '';
	};
	const probe = watch(textOf);
	flushSync();
	const startedAt = performance.now();
	await chat.sendMessage({ text: 'go' });
	flushSync();
	const ms = performance.now() - startedAt;
	probe.stop();
	return { text: textOf(), runs: probe.runs - 1, ms };
}

/** @param {typeof fetch} fetch @returns {Promise<Outcome>} */
async function runTransport(fetch) {
	const startedAt = performance.now();
	const result = await streamLLM({ url: URL_, protocol: 'ai-sdk-ui', fetch, reconnect: false });
	return { text: result.text, runs: 0, ms: performance.now() - startedAt };
}

const median = (/** @type {number[]} */ values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const CONSUMERS = /** @type {const} */ ([
	['kit createTokenStream', runKit],
	['@ai-sdk/svelte Chat', runChat],
	['streamLLM alone (floor)', runTransport]
]);

/**
 * Per-token µs of each consumer at `n` tokens.
 * @param {number} n @param {number} rounds @param {number} warmups rounds run and discarded first
 */
async function perToken(n, rounds, warmups) {
	const chunks = chunksFor(n);
	const expected = Array.from({ length: n }, (_, i) => token(i)).join('');
	/** @type {Record<string, number[]>} */
	const samples = {};
	for (let round = 0; round < warmups + rounds; round++) {
		// Alternate the order each round so drift and GC pressure hit every consumer alike.
		const order = round % 2 ? [...CONSUMERS].reverse() : CONSUMERS;
		for (const [name, run] of order) {
			globalThis.gc?.();
			const outcome = await run(memoryFetch(chunks));
			if (outcome.text !== expected) {
				throw new Error(
					`${name} ended with different text at n=${n} (${outcome.text.length} chars)`
				);
			}
			if (round >= warmups) (samples[name] ??= []).push((outcome.ms * 1000) / n);
		}
	}
	return Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, median(s)]));
}

/** Effect runs per second while a 1,000 tokens/s source streams. */
async function updatesPerSecond(/** @type {number} */ seconds) {
	const total = 1000 * seconds;
	const expected = Array.from({ length: total }, (_, i) => token(i)).join('');
	/** @type {Record<string, { perSecond: number, runs: number, ms: number }>} */
	const out = {};
	for (const [name, run] of CONSUMERS.slice(0, 2)) {
		const outcome = await run(realTimeFetch(1000, total));
		if (outcome.text !== expected) throw new Error(`${name} ended with different text`);
		out[name] = {
			runs: outcome.runs,
			ms: outcome.ms,
			perSecond: (outcome.runs * 1000) / outcome.ms
		};
	}
	return out;
}

const pad = (/** @type {string} */ s, /** @type {number} */ n) => s.padEnd(n);
const num = (/** @type {number} */ x, digits = 2) => x.toFixed(digits).padStart(10);

console.log(
	`Node ${process.version}, svelte client runtime via compiled *.svelte.js, rAF emulated at 60 Hz`
);
const small = await perToken(1_000, 15, 5);
const large = await perToken(50_000, 3, 1);
console.log(
	'\nPer-token cost, µs/token (median of interleaved rounds after warm-up: 15 at 1k, 3 at 50k)'
);
console.log(
	`${pad('', 26)}${'1k tokens'.padStart(10)}${'50k tokens'.padStart(11)}${'50k/1k'.padStart(10)}`
);
for (const [name] of CONSUMERS) {
	console.log(
		`${pad(name, 26)}${num(small[name])} ${num(large[name])}${num(large[name] / small[name])}`
	);
}
const kit = 'kit createTokenStream';
const chat = '@ai-sdk/svelte Chat';
console.log(
	`${pad('Chat / kit (×)', 26)}${num(small[chat] / small[kit])} ${num(large[chat] / large[kit])}`
);

console.log(
	'A 50k/1k ratio ≤ 1 means no growth with the answer length (the 1k figure also carries the fixed\n' +
		'cost of one answer: creating the store, the request, the effect).'
);
const seconds = 3;
const rate = await updatesPerSecond(seconds);
console.log(
	`\nReactive updates while 1,000 tokens/s stream for ${seconds} s (frame rate: 60/s; the kit adds one\n` +
		'immediate flush when the answer ends)'
);
for (const [name, { perSecond, runs, ms }] of Object.entries(rate)) {
	console.log(
		`${pad(name, 26)}${num(perSecond, 1)} /s   (${runs} effect runs in ${ms.toFixed(0)} ms)`
	);
}
console.log(`${pad('Chat / kit (×)', 26)}${num(rate[chat].perSecond / rate[kit].perSecond, 1)}`);
if (rate[kit].perSecond > 61) {
	console.error(
		`FAIL: the kit's store updated ${rate[kit].perSecond.toFixed(1)}/s, above the frame rate`
	);
	process.exit(1);
}
