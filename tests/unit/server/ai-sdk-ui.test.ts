import { describe, expect, test } from 'vitest';
import { uiMessageEventStream, type UIToolCallChunk } from '../../../src/lib/server/ai-sdk-ui.js';

async function chunks(
	tokens: Array<string | UIToolCallChunk>,
	options: { failWith?: unknown; onError?: (error: unknown) => string | void } = {}
) {
	const out: unknown[] = [];
	for await (const message of uiMessageEventStream(
		(async function* () {
			yield* tokens;
			if ('failWith' in options) throw options.failWith;
		})(),
		{ messageId: 'm1', onError: options.onError }
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

	describe('when the tokens throw', () => {
		test('ends with an error chunk and [DONE], after the text already sent, without a finish', async () => {
			const out = await chunks(['Half an'], { failWith: new Error('socket hang up at 10.0.0.7') });
			expect(out).toEqual([
				{ type: 'start', messageId: 'm1' },
				{ type: 'start-step' },
				{ type: 'text-start', id: 'm1-text-0' },
				{ type: 'text-delta', id: 'm1-text-0', delta: 'Half an' },
				{ type: 'error', errorText: 'The answer could not be completed.' },
				'[DONE]'
			]);
		});

		test('onError chooses the errorText and receives the thrown value', async () => {
			const seen: unknown[] = [];
			const cause = new RangeError('quota');
			const out = await chunks([], {
				failWith: cause,
				onError: (error) => {
					seen.push(error);
					return 'Busy; try again soon.';
				}
			});
			expect(seen).toEqual([cause]);
			expect(out.at(-2)).toEqual({ type: 'error', errorText: 'Busy; try again soon.' });
		});

		test.each([
			['returns nothing', () => undefined],
			[
				'throws',
				() => {
					throw new Error('secret internals');
				}
			]
		])('an onError that %s gives the generic text, never the error', async (_name, onError) => {
			const out = await chunks(['x'], { failWith: new Error('secret internals'), onError });
			expect(out.at(-2)).toEqual({
				type: 'error',
				errorText: 'The answer could not be completed.'
			});
			expect(JSON.stringify(out)).not.toContain('secret');
		});

		test('the generator completes instead of rethrowing, so sseResponse sends no plain-text error', async () => {
			const failing: AsyncIterable<string> = {
				[Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('boom')) })
			};
			const stream = uiMessageEventStream(failing);
			const datas: string[] = [];
			for await (const message of stream) datas.push(message.data);
			expect(datas.at(-1)).toBe('[DONE]');
			for (const data of datas.slice(0, -1)) expect(() => JSON.parse(data)).not.toThrow();
		});
	});
});
