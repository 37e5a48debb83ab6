// The kit's server side of the AI SDK protocol, read by the AI SDK's own client: uiMessageEventStream
// through sseResponse on a real node:http server, consumed by @ai-sdk/svelte's Chat, unmodified.
import { Chat } from '@ai-sdk/svelte';
import { DefaultChatTransport } from 'ai';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sseResponse } from '../../src/lib/server/sse-response.js';
import { UI_MESSAGE_STREAM_HEADERS, uiMessageEventStream } from '../../src/lib/server/ai-sdk-ui.js';
import { startWebServer, type WebServer } from '../helpers/web-server.js';

/** A model that sends two deltas and then fails, as a provider dropping mid-answer does. */
async function* failingModel() {
	yield 'Half of ';
	yield 'the answer';
	throw new Error('upstream socket hang up (10.0.0.7:443)');
}

let server: WebServer;
beforeAll(async () => {
	server = await startWebServer((request) => {
		const onError = new URL(request.url).searchParams.has('shaped')
			? () => 'The model is busy; try again.'
			: undefined;
		return sseResponse(uiMessageEventStream(failingModel(), { onError }), {
			request,
			headers: UI_MESSAGE_STREAM_HEADERS
		});
	});
});
afterAll(() => server?.close());

async function ask(path: string) {
	const chat = new Chat({ transport: new DefaultChatTransport({ api: `${server.url}${path}` }) });
	await chat.sendMessage({ text: 'hello' });
	return chat;
}

const textOf = (chat: Chat) =>
	chat.messages
		.at(-1)!
		.parts.map((part) => (part.type === 'text' ? part.text : ''))
		.join('');

describe('uiMessageEventStream + sseResponse, read by @ai-sdk/svelte Chat', () => {
	test('a source error reaches Chat as its error, with the generic text, and the partial answer stays', async () => {
		const chat = await ask('/api/chat');
		expect(chat.status).toBe('error');
		// Not "JSON parsing failed": the error arrived as a UI message chunk.
		expect(chat.error?.message).toBe('The answer could not be completed.');
		expect(textOf(chat)).toBe('Half of the answer');
	});

	test("uiMessageEventStream's onError chooses the text Chat shows; internals never reach it", async () => {
		const chat = await ask('/api/chat?shaped');
		expect(chat.error?.message).toBe('The model is busy; try again.');
		expect(JSON.stringify(chat.messages)).not.toContain('10.0.0.7');
	});
});
