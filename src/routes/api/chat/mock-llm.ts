import type { UIToolCallChunk } from '$lib/server/index.js';
import { sleep } from './faults.js';
import type { ChatMessage } from './request.js';

/** What the mock model streams: text deltas, and now and then a tool call. */
export type MockChunk = string | UIToolCallChunk;

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

const TABLE_ANSWER = `### Protocols compared

| Protocol | Framing | Ends with |
| --- | --- | --- |
| \`text\` | one delta per event | \`event: done\` |
| \`ai-sdk-ui\` | JSON chunks | \`data: [DONE]\` |
| OpenAI | JSON deltas | \`data: [DONE]\` |

1. Pick the one your client reads.
2. Keep the ids, so a dropped stream can resume.`;

const CODE_ANSWER = `Here is a minimal endpoint:

\`\`\`ts
import { sseResponse, textEventStream } from 'svelte-llm-stream/server';

export const POST = async ({ request }) =>
	sseResponse(textEventStream(model.stream(await request.json())), { request });
\`\`\`

And the same in *plain JavaScript*:

\`\`\`js
const response = sseResponse(textEventStream(tokens()));
\`\`\`

See [the server docs](https://github.com/svelte-llm-stream/svelte-llm-stream#api-server-svelte-llm-streamserver).`;

/**
 * Splits text the way LLM tokenisers roughly do: words keep their leading space, and line breaks
 * and punctuation runs are tokens of their own.
 */
export function tokenize(text: string): string[] {
	return text.match(/\s*[\p{L}\p{N}_]+|\s*[^\s\p{L}\p{N}_]+|\s+/gu) ?? [];
}

const lastUserText = (messages: ChatMessage[]) => messages.at(-1)?.content.trim() ?? '';

/**
 * The whole scripted answer for a conversation, chosen from the last message: `echo: <text>`
 * answers `<text>`; a mention of weather calls the `get_weather` tool; "table" and "code" get those
 * answers; anything else gets the general markdown answer. Deterministic, so tests can compare.
 */
export function scriptFor(messages: ChatMessage[]): MockChunk[] {
	const last = lastUserText(messages);
	const lower = last.toLowerCase();
	if (lower.startsWith('echo:')) return tokenize(last.slice(5).trim());
	if (lower.includes('weather')) {
		const city = /weather in (\p{Lu}[\p{L}-]*)/u.exec(last)?.[1] ?? 'Paris';
		return [
			...tokenize(`Let me look up the weather in ${city}.`),
			{
				type: 'tool-call',
				toolCallId: 'call_weather_1',
				toolName: 'get_weather',
				input: { city },
				output: { city, temperatureC: 18, sky: 'clear' }
			},
			...tokenize(`\n\nIt is **18 °C** and clear in ${city}.`)
		];
	}
	if (lower.includes('table')) return tokenize(TABLE_ANSWER);
	if (lower.includes('code')) return tokenize(CODE_ANSWER);
	return tokenize(ANSWER);
}

/** The text of the scripted answer (tool calls left out). */
export function answerFor(messages: ChatMessage[]): string {
	return scriptFor(messages)
		.filter((chunk) => typeof chunk === 'string')
		.join('');
}

/** Streams the scripted answer with `delayMs` before each chunk, ending early when `signal` aborts. */
export async function* mockChunks(
	messages: ChatMessage[],
	options: { delayMs: number; signal?: AbortSignal }
): AsyncGenerator<MockChunk> {
	for (const chunk of scriptFor(messages)) {
		await sleep(options.delayMs, options.signal);
		if (options.signal?.aborted) return;
		yield chunk;
	}
}

/** The text deltas of {@link mockChunks} only. */
export async function* mockTokens(
	messages: ChatMessage[],
	options: { delayMs: number; signal?: AbortSignal }
): AsyncGenerator<string> {
	for await (const chunk of mockChunks(messages, options)) {
		if (typeof chunk === 'string') yield chunk;
	}
}
