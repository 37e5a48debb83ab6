import type { ChatMessage } from './request.js';

const ANSWER = `## Streaming, explained

Tokens arrive **one by one** over *Server-Sent Events*, and the page shows each as soon as it lands.

- No spinner while the model thinks
- The first word shows within a frame
- A dropped connection resumes where it left off

\`\`\`ts
const stream = createTokenStream({ url: '/api/chat' });
await stream.start();
\`\`\`

| Layer | Job |
| --- | --- |
| core | decode the wire |
| stores | batch per frame |

Read more in the [README](https://github.com/svelte-llm-stream/svelte-llm-stream).`;

/**
 * Splits text the way LLM tokenisers roughly do: words keep their leading space, and line breaks
 * and punctuation runs are tokens of their own.
 */
export function tokenize(text: string): string[] {
	return text.match(/\s*[\p{L}\p{N}_]+|\s*[^\s\p{L}\p{N}_]+|\s+/gu) ?? [];
}

/** The canned answer for a conversation; deterministic, so tests can compare exact text. */
export function answerFor(messages: ChatMessage[]): string {
	const last = messages.at(-1)?.content.trim() ?? '';
	return last.toLowerCase().startsWith('echo:') ? last.slice(5).trim() : ANSWER;
}

const sleep = (ms: number, signal?: AbortSignal) =>
	new Promise<void>((resolve) => {
		if (ms <= 0 || signal?.aborted) return resolve();
		const timer = setTimeout(resolve, ms);
		signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
	});

/** Yields the answer's tokens with a delay before each, stopping early when `signal` aborts. */
export async function* mockTokens(
	messages: ChatMessage[],
	options: { delayMs: number; signal?: AbortSignal }
): AsyncGenerator<string> {
	for (const token of tokenize(answerFor(messages))) {
		await sleep(options.delayMs, options.signal);
		if (options.signal?.aborted) return;
		yield token;
	}
}
