// Deterministic LLM-like markdown answers, split into tokens of about four characters.

const words = (
	'the stream renders each block once and keeps the layout stable while new tokens arrive from ' +
	'the model so readers can follow along without jumps or flashes of raw syntax in the answer'
).split(' ');

/** @param {number} seed */
function random(seed) {
	let state = seed;
	return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** @param {() => number} next @param {number} count */
function sentence(next, count) {
	const out = [];
	for (let i = 0; i < count; i++) {
		let word = words[Math.floor(next() * words.length)];
		const roll = next();
		if (roll < 0.05) word = `**${word}**`;
		else if (roll < 0.08) word = `*${word}*`;
		else if (roll < 0.11) word = `\`${word}()\``;
		else if (roll < 0.12) word = `[${word}](https://example.com/${word})`;
		out.push(word);
	}
	const text = out.join(' ');
	return text[0].toUpperCase() + text.slice(1) + '.';
}

/** @param {() => number} next @param {number} n */
function section(next, n) {
	const parts = [`## Step ${n}: ${sentence(next, 4).slice(0, -1)}`];
	parts.push(`${sentence(next, 18)} ${sentence(next, 14)}`);
	const kind = n % 4;
	if (kind === 0) {
		parts.push(Array.from({ length: 4 }, () => `- ${sentence(next, 8)}`).join('\n'));
	} else if (kind === 1) {
		const lines = Array.from(
			{ length: 6 },
			(_, i) => `const value${i} = compute(${i}, "${words[i]}");`
		);
		parts.push('```ts\n' + lines.join('\n') + '\n```');
	} else if (kind === 2) {
		const rows = Array.from(
			{ length: 4 },
			(_, i) => `| ${words[i]} | ${i * 7} | ${sentence(next, 3)} |`
		);
		parts.push(['| Name | Count | Note |', '| --- | ---: | --- |', ...rows].join('\n'));
	} else {
		parts.push(`> ${sentence(next, 12)}`);
		parts.push(Array.from({ length: 3 }, (_, i) => `${i + 1}. ${sentence(next, 7)}`).join('\n'));
	}
	parts.push(sentence(next, 20));
	return parts.join('\n\n');
}

/**
 * An answer of exactly `count` tokens.
 * @param {number} count
 * @returns {string[]}
 */
export function answerTokens(count) {
	const next = random(count);
	let text = '';
	for (let n = 1; text.length < count * 6; n++) text += section(next, n) + '\n\n';
	const tokens = text.match(/\s*[^\s]{1,4}|\s+/g) ?? [];
	if (tokens.length < count) throw new Error(`answer too short: ${tokens.length} < ${count}`);
	return tokens.slice(0, count);
}
