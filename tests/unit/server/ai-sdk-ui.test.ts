import { describe, expect, test } from 'vitest';
import { uiMessageEventStream, type UIToolCallChunk } from '../../../src/lib/server/ai-sdk-ui.js';

async function chunks(tokens: Array<string | UIToolCallChunk>) {
	const out: unknown[] = [];
	for await (const message of uiMessageEventStream(
		(async function* () {
			yield* tokens;
		})(),
		{ messageId: 'm1' }
	)) {
		out.push(message.data === '[DONE]' ? '[DONE]' : JSON.parse(message.data));
	}
	return out;
}

describe('uiMessageEventStream', () => {
	test('frames text as start, one text part, finish and [DONE]', async () => {
		expect(await chunks(['Hi', '', ' there'])).toEqual([
			{ type: 'start', messageId: 'm1' },
			{ type: 'start-step' },
			{ type: 'text-start', id: 'm1-text-0' },
			{ type: 'text-delta', id: 'm1-text-0', delta: 'Hi' },
			{ type: 'text-delta', id: 'm1-text-0', delta: ' there' },
			{ type: 'text-end', id: 'm1-text-0' },
			{ type: 'finish-step' },
			{ type: 'finish', finishReason: 'stop' },
			'[DONE]'
		]);
	});

	test('a tool call without arguments (input undefined) is sent with input {}', async () => {
		const out = await chunks([
			{ type: 'tool-call', toolCallId: 'c1', toolName: 'now', input: undefined }
		]);
		expect(out).toContainEqual({
			type: 'tool-input-delta',
			toolCallId: 'c1',
			inputTextDelta: '{}'
		});
		expect(out).toContainEqual({
			type: 'tool-input-available',
			toolCallId: 'c1',
			toolName: 'now',
			input: {}
		});
	});

	test('a tool call closes the text part; text after it opens a new one', async () => {
		const call: UIToolCallChunk = {
			type: 'tool-call',
			toolCallId: 'c1',
			toolName: 'get_weather',
			input: { city: 'Oslo' },
			output: { temperatureC: 3 }
		};
		const out = await chunks(['Looking', call, 'Cold']);
		expect(out.slice(2, -3)).toEqual([
			{ type: 'text-start', id: 'm1-text-0' },
			{ type: 'text-delta', id: 'm1-text-0', delta: 'Looking' },
			{ type: 'text-end', id: 'm1-text-0' },
			{ type: 'tool-input-start', toolCallId: 'c1', toolName: 'get_weather' },
			{ type: 'tool-input-delta', toolCallId: 'c1', inputTextDelta: '{"city":"Oslo"}' },
			{
				type: 'tool-input-available',
				toolCallId: 'c1',
				toolName: 'get_weather',
				input: { city: 'Oslo' }
			},
			{ type: 'tool-output-available', toolCallId: 'c1', output: { temperatureC: 3 } },
			{ type: 'text-start', id: 'm1-text-1' },
			{ type: 'text-delta', id: 'm1-text-1', delta: 'Cold' },
			{ type: 'text-end', id: 'm1-text-1' }
		]);
	});
});
