// SSE decoder throughput and allocation: the kit's createSSEDecoder against eventsource-parser (the
// version installed here), on the same bytes, in the same process.
//
// Method
// - Input: two deterministic ~10 MB OpenAI Chat Completions streams (`data: {chat.completion.chunk}`
//   events with realistic ids, model names and 1–6 word tokens), each ending in `data: [DONE]`:
//   "multilingual", where a quarter of the words are non-ASCII (déjà, 東京, 🙂, …), so nearly every
//   chunk holds multi-byte UTF-8; and "English", where one word in a hundred carries a typographic
//   character (’ or —) and the rest is ASCII, as in a typical English answer.
// - Chunking: the bytes are cut into chunks of 1–16 KiB (seeded random sizes), as fetch delivers them.
// - Both decoders start from bytes, so both pay for UTF-8 decoding: the kit's decoder is pushed the
//   Uint8Array chunks; eventsource-parser is fed the output of a streaming TextDecoder per chunk.
//   Each counts its events and sums their data lengths; the two must agree, or the run fails.
// - Rounds are interleaved (kit, parser, parser, kit, …) after 10 warm-up rounds of each (so both
//   run fully optimised code, the steady state of a long stream), so machine noise hits both alike. Reported: median MB/s of each (MB = 10^6 bytes of input), and the median of the
//   per-round ratios kit/parser. Target: ≥ 1.2×. The same figures from the process's CPU time
//   (process.cpuUsage) are printed too: on a shared, loaded machine wall time also counts the time
//   other processes held the core, CPU time does not.
// - Allocation: one extra pass of each under v8.GCProfiler; bytes allocated = the heap freed by every
//   GC during the pass + the growth of the used heap over it, divided by the input size in MB.
import { createParser } from 'eventsource-parser';
import { GCProfiler, getHeapStatistics } from 'node:v8';
import { createSSEDecoder } from '../dist/core/index.js';
import { seeded } from './seeded.js';

const TARGET_BYTES = 10 * 1000 * 1000;
const WARMUP_ROUNDS = 10;
const ROUNDS = 60;

const MULTILINGUAL = [
	'the',
	' stream',
	' token',
	',',
	' and',
	' Svelte',
	' déjà',
	' vu',
	' 🙂',
	'\\n\\n',
	' **bold**',
	' `code`',
	' naïve',
	' 東京',
	' of',
	' a'
];
const ENGLISH = [
	'the',
	' stream',
	' token',
	',',
	' and',
	' Svelte',
	' render',
	' you',
	' can',
	'.',
	'\\n\\n',
	' **bold**',
	' `code`',
	' is',
	' of',
	' a'
];
const TYPOGRAPHIC = [' don’t', ' —', ' it’s', ' “quoted”'];

/** @param {string[]} words @param {number} typographicShare share of words drawn from TYPOGRAPHIC */
function buildStream(words, typographicShare) {
	const random = seeded(7);
	const parts = [];
	let size = 0;
	let n = 0;
	while (size < TARGET_BYTES) {
		let content = '';
		const count = 1 + Math.floor(random() * 6);
		for (let i = 0; i < count; i++) {
			content +=
				typographicShare > 0 && random() < typographicShare
					? TYPOGRAPHIC[Math.floor(random() * TYPOGRAPHIC.length)]
					: words[Math.floor(random() * words.length)];
		}
		const event = `data: {"id":"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","object":"chat.completion.chunk","created":${1741570283 + (n >> 6)},"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_fc9f1d7035","choices":[{"index":0,"delta":{"content":"${content}"},"logprobs":null,"finish_reason":null}]}\n\n`;
		parts.push(event);
		size += Buffer.byteLength(event);
		n++;
	}
	parts.push('data: [DONE]\n\n');
	const bytes = new TextEncoder().encode(parts.join(''));
	const chunks = [];
	for (let at = 0; at < bytes.length;) {
		const length = 1024 + Math.floor(random() * (15 * 1024 + 1));
		chunks.push(bytes.slice(at, at + length));
		at += length;
	}
	return { bytes, chunks, events: n + 1 };
}

/** @param {Uint8Array[]} chunks */
function runKit(chunks) {
	let events = 0;
	let dataLength = 0;
	const decoder = createSSEDecoder({
		onEvent(event) {
			events++;
			dataLength += event.data.length;
		}
	});
	for (const chunk of chunks) decoder.push(chunk);
	decoder.end();
	return { events, dataLength };
}

/** @param {Uint8Array[]} chunks */
function runParser(chunks) {
	let events = 0;
	let dataLength = 0;
	const parser = createParser({
		onEvent(event) {
			events++;
			dataLength += event.data.length;
		}
	});
	const text = new TextDecoder();
	for (const chunk of chunks) parser.feed(text.decode(chunk, { stream: true }));
	const rest = text.decode();
	if (rest) parser.feed(rest);
	parser.reset({ consume: true });
	return { events, dataLength };
}

/** Wall time, and this process's CPU time (robust when other processes load the 2 cores). @param {() => unknown} run */
function time(run) {
	const cpu = process.cpuUsage();
	const start = performance.now();
	run();
	const ms = performance.now() - start;
	const used = process.cpuUsage(cpu);
	return { ms, cpuMs: (used.user + used.system) / 1000 };
}

/** @param {() => unknown} run @param {number} megabytes */
function allocationPerMB(run, megabytes) {
	globalThis.gc?.();
	const before = getHeapStatistics().used_heap_size;
	const profiler = new GCProfiler();
	profiler.start();
	run();
	const { statistics } = profiler.stop();
	const after = getHeapStatistics().used_heap_size;
	// Allocated = what every GC during the pass freed + what is still on the heap at its end.
	let freed = 0;
	for (const gc of statistics) {
		freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
	}
	return { bytesPerMB: (freed + after - before) / megabytes, gcs: statistics.length };
}

/** @param {number[]} values */
const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Runs the interleaved rounds on one stream and prints its table; returns the median ratios. */
function measure(name, { bytes, chunks, events }) {
	const megabytes = bytes.length / 1e6;
	console.log(
		`\n${name}: ${megabytes.toFixed(2)} MB, ${events} events, ${chunks.length} chunks of 1–16 KiB; ` +
			`${WARMUP_ROUNDS} warm-up + ${ROUNDS} interleaved rounds; both decode UTF-8 from bytes`
	);

	const check = runKit(chunks);
	const checkParser = runParser(chunks);
	if (
		check.events !== events ||
		check.events !== checkParser.events ||
		check.dataLength !== checkParser.dataLength
	) {
		console.error('The decoders disagree:', { expected: events, kit: check, parser: checkParser });
		process.exit(1);
	}

	for (let i = 0; i < WARMUP_ROUNDS; i++) {
		runKit(chunks);
		runParser(chunks);
	}
	const kitMBs = [];
	const parserMBs = [];
	const ratios = [];
	const kitCpuMBs = [];
	const parserCpuMBs = [];
	const cpuRatios = [];
	// No forced GC between rounds: a full collection before every pass made both decoders run at
	// half speed (cold caches, shrunken young generation), which is not how a stream is read.
	for (let round = 0; round < ROUNDS; round++) {
		const kitFirst = round % 2 === 0;
		const a = kitFirst ? time(() => runKit(chunks)) : time(() => runParser(chunks));
		const b = kitFirst ? time(() => runParser(chunks)) : time(() => runKit(chunks));
		const kit = megabytes / ((kitFirst ? a : b).ms / 1000);
		const parser = megabytes / ((kitFirst ? b : a).ms / 1000);
		kitMBs.push(kit);
		parserMBs.push(parser);
		ratios.push(kit / parser);
		const kitCpu = megabytes / ((kitFirst ? a : b).cpuMs / 1000);
		const parserCpu = megabytes / ((kitFirst ? b : a).cpuMs / 1000);
		kitCpuMBs.push(kitCpu);
		parserCpuMBs.push(parserCpu);
		cpuRatios.push(kitCpu / parserCpu);
	}

	const kitAlloc = allocationPerMB(() => runKit(chunks), megabytes);
	const parserAlloc = allocationPerMB(() => runParser(chunks), megabytes);

	const row = (/** @type {string[]} */ cells) =>
		console.log(cells.map((c, i) => (i === 0 ? c.padEnd(26) : c.padStart(20))).join(''));
	const medianRow = (
		/** @type {string} */ label,
		/** @type {number[]} */ kit,
		/** @type {number[]} */ parser,
		/** @type {number[]} */ ratio
	) =>
		row([label, median(kit).toFixed(1), median(parser).toFixed(1), `${median(ratio).toFixed(2)}×`]);
	row(['', 'kit', 'eventsource-parser', 'kit / parser']);
	medianRow('median MB/s', kitMBs, parserMBs, ratios);
	row([
		'min–max MB/s',
		`${Math.min(...kitMBs).toFixed(0)}–${Math.max(...kitMBs).toFixed(0)}`,
		`${Math.min(...parserMBs).toFixed(0)}–${Math.max(...parserMBs).toFixed(0)}`,
		`${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}×`
	]);
	medianRow('median MB/s of CPU time', kitCpuMBs, parserCpuMBs, cpuRatios);
	row([
		'allocated per MB input',
		`${(kitAlloc.bytesPerMB / 1e6).toFixed(2)} MB`,
		`${(parserAlloc.bytesPerMB / 1e6).toFixed(2)} MB`,
		`${(kitAlloc.bytesPerMB / parserAlloc.bytesPerMB).toFixed(2)}×`
	]);
	console.log(
		`(allocation: one pass each under v8.GCProfiler, heap freed by its ${kitAlloc.gcs} / ${parserAlloc.gcs} GCs + heap growth)`
	);
	return { wall: median(ratios), cpu: median(cpuRatios) };
}

console.log('SSE decoder throughput: createSSEDecoder (kit) vs eventsource-parser 3.1.1');
const results = [
	['multilingual', measure('multilingual', buildStream(MULTILINGUAL, 0))],
	['English', measure('English', buildStream(ENGLISH, 0.01))]
];
const verdict = (/** @type {number} */ ratio) => (ratio >= 1.2 ? 'meets' : 'MISSES');
console.log('');
for (const [name, { wall, cpu }] of results) {
	console.log(
		`target ≥ 1.20× eventsource-parser, ${name}: wall clock ${verdict(wall)} (${wall.toFixed(2)}×), ` +
			`CPU time ${verdict(cpu)} (${cpu.toFixed(2)}×)`
	);
}
