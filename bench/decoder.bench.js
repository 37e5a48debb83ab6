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
//   (On Node the kit decodes an all-ASCII chunk, told apart by node:buffer's isAscii, with a one-shot
//   TextDecoder, and every other chunk with a streaming one; the bench prints how many chunks are
//   all ASCII.) Each counts its events and sums their data lengths; the two must agree, or the run
//   fails.
// - Rounds are interleaved (kit, parser, parser, kit, …) after 10 warm-up rounds of each (so both
//   run fully optimised code, the steady state of a long stream), so machine noise hits both alike. Reported: median MB/s of each (MB = 10^6 bytes of input), and the median of the
//   per-round ratios kit/parser. Target: ≥ 1.2×. The same figures from the process's CPU time
//   (process.cpuUsage) are printed too: on a shared, loaded machine wall time also counts the time
//   other processes held the core, CPU time does not.
// - Breakdown: the streaming TextDecoder alone over every chunk (ms a pass, share of each decoder's
//   time: all of eventsource-parser's decoding, an upper bound on the kit's), and each
//   parser alone on the strings that decode produced (interleaved the same way): what each
//   decoder's own code costs once the decode that both must run is taken out.
// - Allocation: one extra pass of each under v8.GCProfiler; bytes allocated = the heap freed by every
//   GC during the pass + the growth of the used heap over it, divided by the input size in MB.
import { createParser } from 'eventsource-parser';
import { isAscii } from 'node:buffer';
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

/** An `onEvent` that counts events and their data length: the same work behind both decoders. */
function counter() {
	const counts = { events: 0, dataLength: 0 };
	/** @param {{ data: string }} event */
	const onEvent = (event) => {
		counts.events++;
		counts.dataLength += event.data.length;
	};
	return { counts, onEvent };
}

/** @param {Uint8Array[] | string[]} chunks bytes, or text already decoded (the parse-only pass) */
function runKit(chunks) {
	const { counts, onEvent } = counter();
	const decoder = createSSEDecoder({ onEvent });
	for (const chunk of chunks) decoder.push(chunk);
	decoder.end();
	return counts;
}

/** @param {Uint8Array[]} chunks */
function runParser(chunks) {
	const { counts, onEvent } = counter();
	const parser = createParser({ onEvent });
	const text = new TextDecoder();
	for (const chunk of chunks) parser.feed(text.decode(chunk, { stream: true }));
	const rest = text.decode();
	if (rest) parser.feed(rest);
	parser.reset({ consume: true });
	return counts;
}

/** eventsource-parser on text already decoded (the parse-only pass). @param {string[]} texts */
function runParserOnText(texts) {
	const { counts, onEvent } = counter();
	const parser = createParser({ onEvent });
	for (const text of texts) parser.feed(text);
	parser.reset({ consume: true });
	return counts;
}

/** The UTF-8 decoding both decoders pay, alone: each chunk through a streaming TextDecoder. @param {Uint8Array[]} chunks */
function decodeOnly(chunks) {
	const text = new TextDecoder();
	let length = 0;
	for (const chunk of chunks) length += text.decode(chunk, { stream: true }).length;
	return length + text.decode().length;
}

/** The decoded text of each chunk, kept for the parse-only pass. @param {Uint8Array[]} chunks */
function decodeAll(chunks) {
	const text = new TextDecoder();
	const texts = chunks.map((chunk) => text.decode(chunk, { stream: true }));
	texts.push(text.decode());
	return texts;
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

/** Times ROUNDS runs after the warm-up. @param {() => unknown} run */
function timeRounds(run) {
	for (let i = 0; i < WARMUP_ROUNDS; i++) run();
	return Array.from({ length: ROUNDS }, () => time(run));
}

/**
 * Warm-up, then ROUNDS interleaved rounds of two runs (a, b, then b, a, …) over the same input, so
 * machine noise hits both alike. Returns MB/s per round of each, by wall clock and by CPU time, and
 * the per-round ratios a/b.
 * @param {() => unknown} runA @param {() => unknown} runB @param {number} megabytes
 */
function interleave(runA, runB, megabytes) {
	for (let i = 0; i < WARMUP_ROUNDS; i++) {
		runA();
		runB();
	}
	const result = { a: [], b: [], ratios: [], aCpu: [], bCpu: [], cpuRatios: [] };
	// No forced GC between rounds: a full collection before every pass made both decoders run at
	// half speed (cold caches, shrunken young generation), which is not how a stream is read.
	for (let round = 0; round < ROUNDS; round++) {
		const aFirst = round % 2 === 0;
		const first = time(aFirst ? runA : runB);
		const second = time(aFirst ? runB : runA);
		const [a, b] = aFirst ? [first, second] : [second, first];
		result.a.push(megabytes / (a.ms / 1000));
		result.b.push(megabytes / (b.ms / 1000));
		result.ratios.push(b.ms / a.ms);
		result.aCpu.push(megabytes / (a.cpuMs / 1000));
		result.bCpu.push(megabytes / (b.cpuMs / 1000));
		result.cpuRatios.push(b.cpuMs / a.cpuMs);
	}
	return result;
}

/** Runs the interleaved rounds on one stream and prints its table; returns the median ratios. */
function measure(name, { bytes, chunks, events }) {
	const megabytes = bytes.length / 1e6;
	const asciiChunks = chunks.filter((chunk) => isAscii(chunk)).length;
	console.log(
		`\n${name}: ${megabytes.toFixed(2)} MB, ${events} events, ${chunks.length} chunks of 1–16 KiB ` +
			`(${asciiChunks} all ASCII); ${WARMUP_ROUNDS} warm-up + ${ROUNDS} interleaved rounds; ` +
			`both decode UTF-8 from bytes`
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

	const full = interleave(
		() => runKit(chunks),
		() => runParser(chunks),
		megabytes
	);
	// Where the time goes: the streaming UTF-8 decode both must run, then each parser alone on the
	// text that decode produced.
	const texts = decodeAll(chunks);
	const decodeMs = median(timeRounds(() => decodeOnly(chunks)).map((t) => t.ms));
	const parseOnly = interleave(
		() => runKit(texts),
		() => runParserOnText(texts),
		megabytes
	);

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
	medianRow('median MB/s', full.a, full.b, full.ratios);
	row([
		'min–max MB/s',
		`${Math.min(...full.a).toFixed(0)}–${Math.max(...full.a).toFixed(0)}`,
		`${Math.min(...full.b).toFixed(0)}–${Math.max(...full.b).toFixed(0)}`,
		`${Math.min(...full.ratios).toFixed(2)}–${Math.max(...full.ratios).toFixed(2)}×`
	]);
	medianRow('median MB/s of CPU time', full.aCpu, full.bCpu, full.cpuRatios);
	row([
		'allocated per MB input',
		`${(kitAlloc.bytesPerMB / 1e6).toFixed(2)} MB`,
		`${(parserAlloc.bytesPerMB / 1e6).toFixed(2)} MB`,
		`${(kitAlloc.bytesPerMB / parserAlloc.bytesPerMB).toFixed(2)}×`
	]);
	console.log(
		`(allocation: one pass each under v8.GCProfiler, heap freed by its ${kitAlloc.gcs} / ${parserAlloc.gcs} GCs + heap growth)`
	);
	const kitMs = (megabytes / median(full.a)) * 1000;
	const parserMs = (megabytes / median(full.b)) * 1000;
	console.log(
		`breakdown: a streaming TextDecoder over every chunk takes ${decodeMs.toFixed(2)} ms a pass, ` +
			`${((100 * decodeMs) / kitMs).toFixed(0)}% of the kit's ${kitMs.toFixed(2)} ms and ` +
			`${((100 * decodeMs) / parserMs).toFixed(0)}% of eventsource-parser's ${parserMs.toFixed(2)} ms`
	);
	medianRow('parse only, median MB/s', parseOnly.a, parseOnly.b, parseOnly.ratios);
	console.log('(parse only: both fed the strings that decode produced, interleaved as above)');
	return { wall: median(full.ratios), cpu: median(full.cpuRatios) };
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
