import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readLLMStream } from '../../../../src/lib/core/read-llm-stream.js';
import type { LLMResult, LLMSnapshot, ProtocolId } from '../../../../src/lib/core/types.js';
import { bodyOf } from '../body.js';
import { feedings } from '../chunking.js';

const fixture = (name: string) =>
	readFileSync(new URL(`../../../fixtures/protocols/${name}`, import.meta.url));

type Expected = Omit<LLMResult, 'error' | 'toolCalls'> & {
	toolCalls?: LLMResult['toolCalls'];
	error?: { code: string; message: RegExp };
};

const transcripts: Array<{ file: string; protocol: ProtocolId; expected: Expected }> = [
	{
		file: 'text-done.sse',
		protocol: 'text',
		expected: {
			text: 'Hello world!\nSecond line',
			reasoning: '',
			toolCalls: [],
			finished: true,
			finishReason: 'stop',
			lastEventId: '4'
		}
	},
	{
		file: 'openai-chat-text.sse',
		protocol: 'openai-chat',
		expected: {
			text: 'Hello! How can I help\n\n* **you** today? 😊',
			reasoning: '',
			toolCalls: [],
			finished: true,
			finishReason: 'stop',
			lastEventId: ''
		}
	},
	{
		file: 'openai-chat-tool-calls.sse',
		protocol: 'openai-chat',
		expected: {
			text: '',
			reasoning: '',
			toolCalls: [
				{
					id: 'call_DdmO9pD3xa9XTPNJ32zg2hcA',
					name: 'get_weather',
					argsText: '{"location":"Paris, France"}',
					args: { location: 'Paris, France' },
					complete: true
				},
				{
					id: 'call_ZaVhXuT5v1fYrTnLMQzd9eXy',
					name: 'get_time',
					argsText: '{"tz": "Europe/Paris", "hour24": true}',
					args: { tz: 'Europe/Paris', hour24: true },
					complete: true
				}
			],
			finished: true,
			finishReason: 'tool_calls',
			lastEventId: ''
		}
	},
	{
		file: 'openai-chat-error.sse',
		protocol: 'openai-chat',
		expected: {
			text: 'The answer starts',
			reasoning: '',
			toolCalls: [],
			finished: false,
			lastEventId: '',
			error: { code: 'upstream', message: /The server had an error while processing your request/ }
		}
	},
	{
		file: 'anthropic-messages-text.sse',
		protocol: 'anthropic-messages',
		expected: {
			text: 'Hello!\n\n- one\n- two ✨',
			reasoning: '',
			toolCalls: [],
			finished: true,
			finishReason: 'end_turn',
			lastEventId: ''
		}
	},
	{
		file: 'anthropic-messages-tool-use.sse',
		protocol: 'anthropic-messages',
		expected: {
			text: "Okay, let's check the weather for San Francisco, CA:",
			reasoning: 'I need the weather, so I will call the tool.',
			toolCalls: [
				{
					id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6',
					name: 'get_weather',
					argsText: '{"location": "San Francisco, CA", "unit": "fahrenheit"}',
					args: { location: 'San Francisco, CA', unit: 'fahrenheit' },
					complete: true
				},
				{ id: 'toolu_02NoArgs', name: 'get_time', argsText: '', args: {}, complete: true }
			],
			finished: true,
			finishReason: 'tool_use',
			lastEventId: ''
		}
	},
	{
		file: 'anthropic-messages-error.sse',
		protocol: 'anthropic-messages',
		expected: {
			text: 'Partial answer',
			reasoning: '',
			toolCalls: [],
			finished: false,
			lastEventId: '',
			error: { code: 'upstream', message: /^Overloaded$/ }
		}
	},
	{
		file: 'ai-sdk-ui-tool-call.sse',
		protocol: 'ai-sdk-ui',
		expected: {
			text: 'Let me check the weather in Paris 🌦️.',
			reasoning: 'The user wants the weather.',
			toolCalls: [
				{
					id: 'call_1',
					name: 'weather',
					argsText: '{"city": "Paris", "days": [1, 2]}',
					args: { city: 'Paris', days: [1, 2] },
					complete: true
				}
			],
			finished: true,
			finishReason: 'tool-calls',
			lastEventId: ''
		}
	},
	{
		file: 'ai-sdk-ui-error.sse',
		protocol: 'ai-sdk-ui',
		expected: {
			text: 'Let me check the weather in Paris 🌦️.',
			reasoning: 'The user wants the weather.',
			toolCalls: [],
			finished: false,
			lastEventId: '',
			error: { code: 'upstream', message: /^An error occurred\.$/ }
		}
	}
];

describe('protocol readers on recorded transcripts', () => {
	for (const { file, protocol, expected } of transcripts) {
		describe(`${file} (${protocol})`, () => {
			for (const [how, chunks] of feedings(fixture(file), 4)) {
				test(how, async () => {
					const result = await readLLMStream(bodyOf(chunks), { protocol });
					const { error, ...rest } = result;
					const { error: expectedError, ...expectedRest } = expected;
					expect(rest).toEqual(expectedRest);
					if (expectedError) {
						expect(error?.code).toBe(expectedError.code);
						expect(error?.message).toMatch(expectedError.message);
					} else expect(error).toBeUndefined();
				});
			}
		});
	}
});

describe('tool-call arguments are exposed while they stream', () => {
	const cases: Array<[string, ProtocolId, string]> = [
		['openai-chat-tool-calls.sse', 'openai-chat', 'call_DdmO9pD3xa9XTPNJ32zg2hcA'],
		['anthropic-messages-tool-use.sse', 'anthropic-messages', 'toolu_01T1x1fJ34qAmk2tNTrN7Up6'],
		['ai-sdk-ui-tool-call.sse', 'ai-sdk-ui', 'call_1']
	];
	for (const [file, protocol, id] of cases) {
		test(`${protocol}: argsText grows and args is the best partial parse`, async () => {
			const seen: LLMSnapshot['toolCalls'][number][] = [];
			const result = await readLLMStream(bodyOf([fixture(file)]), {
				protocol,
				onUpdate: (s) => {
					const call = s.toolCalls.find((c) => c.id === id);
					if (call && call.argsText !== seen.at(-1)?.argsText) seen.push(call);
				}
			});
			expect(seen.length).toBeGreaterThanOrEqual(3);
			for (let i = 1; i < seen.length; i++) {
				expect(seen[i].argsText.startsWith(seen[i - 1].argsText)).toBe(true);
			}
			const partial = seen.find((c) => !c.complete && /"[^"]*$/.test(c.argsText));
			expect(partial?.args).toBeTypeOf('object');
			expect(seen.every((c) => !c.complete)).toBe(true);
			expect(result.toolCalls.find((c) => c.id === id)?.complete).toBe(true);
		});
	}

	test('openai-chat: a partial string value is visible before the call completes', async () => {
		const values: unknown[] = [];
		await readLLMStream(bodyOf([fixture('openai-chat-tool-calls.sse')]), {
			protocol: 'openai-chat',
			onUpdate: (s) => values.push(s.toolCalls[0]?.args)
		});
		expect(values).toContainEqual({ location: 'Paris, France' });
		expect(values).toContainEqual({ location: '' });
	});
});
