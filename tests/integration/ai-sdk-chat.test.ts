// @ai-sdk/svelte's Chat, unmodified, reads `protocol: ai-sdk-ui` from the built demo and ends with
// the same text the kit's `text` protocol delivers for the same prompt.
import { Chat } from '@ai-sdk/svelte';
import { DefaultChatTransport } from 'ai';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { streamLLM } from '../../src/lib/core/transport/stream-llm.js';
import { startBuiltDemo, type BuiltDemo } from './server-demo.js';

let demo: BuiltDemo;
beforeAll(async () => {
	demo = await startBuiltDemo();
}, 180_000);
afterAll(() => demo?.stop());

const textOf = (chat: Chat) =>
	chat.messages
		.at(-1)!
		.parts.map((part) => (part.type === 'text' ? part.text : ''))
		.join('');

async function textProtocolAnswer(prompt: string): Promise<string> {
	const result = await streamLLM({
		url: `${demo.url}/api/chat`,
		body: { messages: [{ role: 'user', content: prompt }], delayMs: 0 }
	});
	expect(result.finished).toBe(true);
	return result.text;
}

describe('@ai-sdk/svelte Chat against POST /api/chat (protocol ai-sdk-ui)', () => {
	test('the installed ai is the exact version @ai-sdk/svelte depends on', () => {
		const manifest = (name: string) =>
			JSON.parse(
				readFileSync(
					resolve(import.meta.dirname, '../../node_modules', name, 'package.json'),
					'utf8'
				)
			);
		const svelteSdk = manifest('@ai-sdk/svelte');
		const ai = manifest('ai');
		expect(svelteSdk.dependencies.ai).toBe(ai.version);
	});

	test.each([
		['the markdown answer', 'Explain streaming'],
		['a table', 'a table please'],
		['an echo', 'echo: leading  spaces, "quotes" and\nnewlines']
	])('ends with the same text as the text protocol: %s', async (_name, prompt) => {
		const chat = new Chat({
			transport: new DefaultChatTransport({
				api: `${demo.url}/api/chat`,
				body: { protocol: 'ai-sdk-ui', delayMs: 0 }
			})
		});
		await chat.sendMessage({ text: prompt });
		expect(chat.error).toBeUndefined();
		expect(chat.status).toBe('ready');
		expect(chat.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
		const expected = await textProtocolAnswer(prompt);
		expect(expected.length).toBeGreaterThan(0);
		expect(textOf(chat)).toBe(expected);
	});

	test('a tool call arrives as a tool part with its input and output', async () => {
		const chat = new Chat({
			transport: new DefaultChatTransport({
				api: `${demo.url}/api/chat`,
				body: { protocol: 'ai-sdk-ui', delayMs: 0 }
			})
		});
		await chat.sendMessage({ text: 'What is the weather in Lisbon?' });
		const tool = chat.messages.at(-1)!.parts.find((part) => part.type === 'tool-get_weather');
		expect(tool).toMatchObject({
			toolCallId: 'call_weather_1',
			state: 'output-available',
			input: { city: 'Lisbon' },
			output: { city: 'Lisbon', temperatureC: 18, sky: 'clear' }
		});
		expect(textOf(chat)).toBe(await textProtocolAnswer('What is the weather in Lisbon?'));
	});

	test('error-after:N surfaces as the Chat error, with the safe message', async () => {
		const chat = new Chat({
			transport: new DefaultChatTransport({
				api: `${demo.url}/api/chat`,
				body: { protocol: 'ai-sdk-ui', delayMs: 0, fault: 'error-after:4' }
			})
		});
		await chat.sendMessage({ text: 'echo: one two three four five' });
		expect(chat.status).toBe('error');
		expect(chat.error?.message).toBe(
			'The mock model failed after 4 events (injected error-after:4).'
		);
	});
});
