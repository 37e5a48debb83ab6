// A real third-party producer: the `ai` package's streamText over its mock model, served by
// toUIMessageStreamResponse() from a node:http server, read by the kit's stores (protocol
// `ai-sdk-ui`) and by @ai-sdk/svelte's Chat. Both must end up showing the same answer.
import { createServer, type Server } from 'node:http';
import { Readable } from 'node:stream';
import { Chat } from '@ai-sdk/svelte';
import {
	convertToModelMessages,
	DefaultChatTransport,
	simulateReadableStream,
	streamText,
	type UIMessage
} from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createChat } from '../../src/lib/svelte/chat.svelte.js';
import { createTokenStream } from '../../src/lib/svelte/token-stream.svelte.js';

// Deltas chosen to catch framing and joining bugs: leading spaces, a blank-line-looking delta,
// text that looks like SSE fields, JSON-looking text, astral-plane characters and CRLF.
const DELTAS = [
	'Hello',
	', ',
	'world',
	'!\n\n',
	' data: not a field',
	'\r\nid: 7',
	' {"type":"finish"}',
	' 🦊🚀 ',
	'naïve café',
	' — done.'
];
const REASONING = ['Let me ', 'think.'];

const usage = {
	inputTokens: { total: 3, noCache: 3, cacheRead: undefined, cacheWrite: undefined },
	outputTokens: { total: DELTAS.length, text: DELTAS.length, reasoning: undefined }
};

function mockModel() {
	return new MockLanguageModelV3({
		doStream: async () => ({
			stream: simulateReadableStream({
				chunkDelayInMs: 2,
				chunks: [
					{ type: 'stream-start' as const, warnings: [] },
					{ type: 'reasoning-start' as const, id: 'r-1' },
					...REASONING.map((delta) => ({ type: 'reasoning-delta' as const, id: 'r-1', delta })),
					{ type: 'reasoning-end' as const, id: 'r-1' },
					{ type: 'text-start' as const, id: 'text-1' },
					...DELTAS.map((delta) => ({ type: 'text-delta' as const, id: 'text-1', delta })),
					{ type: 'text-end' as const, id: 'text-1' },
					{
						type: 'finish' as const,
						finishReason: { unified: 'stop' as const, raw: undefined },
						usage
					}
				]
			})
		})
	});
}

let server: Server;
let url: string;
const bodies: unknown[] = [];

beforeAll(async () => {
	server = createServer(async (req, res) => {
		let raw = '';
		for await (const chunk of req) raw += chunk;
		const body = JSON.parse(raw) as { messages: UIMessage[] };
		bodies.push(body);
		const result = streamText({
			model: mockModel(),
			messages: await convertToModelMessages(body.messages)
		});
		const response = result.toUIMessageStreamResponse({ sendReasoning: true });
		res.writeHead(response.status, Object.fromEntries(response.headers));
		Readable.fromWeb(response.body! as import('node:stream/web').ReadableStream).pipe(res);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	url = `http://127.0.0.1:${port}/api/chat`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});

/** The body an AI SDK server expects: UI messages with text parts. */
const uiMessages = (text: string): UIMessage[] => [
	{ id: 'u1', role: 'user', parts: [{ type: 'text', text }] }
];

async function aiSdkChatAnswer(prompt: string) {
	const chat = new Chat({ transport: new DefaultChatTransport({ api: url }) });
	await chat.sendMessage({ text: prompt });
	const answer = chat.messages.at(-1)!;
	const textOf = (type: 'text' | 'reasoning') =>
		answer.parts
			.filter((p) => p.type === type)
			.map((p) => (p as { text: string }).text)
			.join('');
	return {
		status: chat.status,
		role: answer.role,
		text: textOf('text'),
		reasoning: textOf('reasoning')
	};
}

describe('ai streamText → toUIMessageStreamResponse(), read with protocol ai-sdk-ui', () => {
	test('createTokenStream ends with exactly the text @ai-sdk/svelte Chat shows for the same stream', async () => {
		const reference = await aiSdkChatAnswer('Say hello');
		expect(reference.status).toBe('ready');
		expect(reference.text).toBe(DELTAS.join(''));

		const tokens: string[] = [];
		const stream = createTokenStream({
			url,
			protocol: 'ai-sdk-ui',
			body: { messages: uiMessages('Say hello') },
			onToken: (token, kind) => kind === 'text' && tokens.push(token)
		});
		const result = await stream.start();

		expect(result.error).toBeUndefined();
		expect(stream.status).toBe('done');
		expect(stream.text).toBe(reference.text);
		expect(stream.reasoning).toBe(reference.reasoning);
		expect(stream.reasoning).toBe(REASONING.join(''));
		expect(tokens).toEqual(DELTAS);
		expect(stream.metrics.tokens).toBe(DELTAS.length + REASONING.length);
		expect(stream.metrics.ttftMs).toBeGreaterThan(0);
	});

	test('createChat speaks to an AI SDK server with an AI SDK-shaped body and shows the same answer', async () => {
		const reference = await aiSdkChatAnswer('Say hello');
		const chat = createChat({
			url,
			protocol: 'ai-sdk-ui',
			prepareBody: (_wire, { messages }) => ({
				messages: messages
					.filter((m) => m.content !== '')
					.map((m) => ({ id: m.id, role: m.role, parts: [{ type: 'text', text: m.content }] }))
			})
		});
		await chat.send('Say hello');

		expect(chat.status).toBe('done');
		expect(chat.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
		expect(chat.messages[1].content).toBe(reference.text);
		expect(chat.messages[1].reasoning).toBe(reference.reasoning);
		const sent = bodies.at(-1) as { messages: UIMessage[] };
		expect(sent.messages).toEqual([
			{ id: chat.messages[0].id, role: 'user', parts: [{ type: 'text', text: 'Say hello' }] }
		]);
	});
});
