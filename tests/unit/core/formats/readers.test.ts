import { describe, expect, test } from 'vitest';
import { resolveProtocol } from '../../../../src/lib/core/formats/index.js';
import { readLLMStream } from '../../../../src/lib/core/read-llm-stream.js';
import type { Protocol, ProtocolId } from '../../../../src/lib/core/types.js';
import { bodyOf, sse } from '../body.js';

const read = (protocol: ProtocolId | Protocol, text: string) =>
	readLLMStream(bodyOf([text]), { protocol });
const chunk = (delta: object, finish: string | null = null, index = 0) => ({
	object: 'chat.completion.chunk',
	choices: [{ index, delta, finish_reason: finish }]
});

describe('openai-chat', () => {
	test('malformed JSON is a protocol error quoting the data, and earlier text is kept', async () => {
		const result = await read('openai-chat', sse(chunk({ content: 'Hi' }), '{"choices": [tru'));
		expect(result.text).toBe('Hi');
		expect(result.error?.code).toBe('protocol');
		expect(result.error?.message).toContain('{"choices": [tru');
		expect(result.finished).toBe(false);
	});

	test('a stream without [DONE] is not finished, even after finish_reason', async () => {
		const result = await read('openai-chat', sse(chunk({ content: 'Hi' }), chunk({}, 'length')));
		expect(result).toMatchObject({ text: 'Hi', finished: false, finishReason: 'length' });
		expect(result.error?.code).toBe('disconnected');
	});

	test('only the first choice is followed; the usage chunk with no choices is skipped', async () => {
		const result = await read(
			'openai-chat',
			sse(
				chunk({ content: 'A' }),
				chunk({ content: 'B' }, null, 1),
				chunk({}, 'stop'),
				{ choices: [], usage: { total_tokens: 3 } },
				'[DONE]'
			)
		);
		expect(result).toMatchObject({ text: 'A', finished: true, finishReason: 'stop' });
	});

	test('reasoning deltas of compatible servers go to reasoning', async () => {
		const result = await read(
			'openai-chat',
			sse(chunk({ reasoning_content: 'think ' }), chunk({ reasoning: 'more' }), '[DONE]')
		);
		expect(result.reasoning).toBe('think more');
	});

	test('a tool call without an id gets a stable one per index', async () => {
		const result = await read(
			'openai-chat',
			sse(
				chunk({ tool_calls: [{ index: 0, function: { name: 'f', arguments: '{"a"' } }] }),
				chunk({ tool_calls: [{ index: 0, function: { arguments: ':1}' } }] }),
				'[DONE]'
			)
		);
		expect(result.toolCalls).toEqual([
			{ id: 'call_0', name: 'f', argsText: '{"a":1}', args: { a: 1 }, complete: true }
		]);
	});

	test('an in-stream error object, and an error event, are upstream errors', async () => {
		const a = await read('openai-chat', sse({ error: { message: 'Rate limit reached' } }));
		expect(a.error).toMatchObject({ code: 'upstream', message: 'Rate limit reached' });
		const b = await read('openai-chat', 'event: error\ndata: {"message":"bad"}\n\n');
		expect(b.error).toMatchObject({ code: 'upstream', message: 'bad' });
	});

	test('events after [DONE] are ignored', async () => {
		const result = await read(
			'openai-chat',
			sse(chunk({ content: 'A' }), '[DONE]', chunk({ content: 'B' }))
		);
		expect(result).toMatchObject({ text: 'A', finished: true });
		expect(result.error).toBeUndefined();
	});
});

describe('anthropic-messages', () => {
	const event = (data: Record<string, unknown>) =>
		`event: ${String(data.type)}\ndata: ${JSON.stringify(data)}\n\n`;

	test('unknown events and delta types are skipped; message_stop finishes', async () => {
		const result = await read(
			'anthropic-messages',
			event({ type: 'message_start', message: {} }) +
				event({
					type: 'content_block_start',
					index: 0,
					content_block: { type: 'text', text: 'A' }
				}) +
				event({
					type: 'content_block_delta',
					index: 0,
					delta: { type: 'citations_delta', citation: {} }
				}) +
				event({ type: 'future_event', x: 1 }) +
				event({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'B' } }) +
				event({ type: 'message_stop' })
		);
		expect(result).toMatchObject({ text: 'AB', finished: true });
		expect(result.error).toBeUndefined();
	});

	test('without message_stop the answer is unfinished', async () => {
		const result = await read(
			'anthropic-messages',
			event({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'A' } }) +
				event({ type: 'message_delta', delta: { stop_reason: 'max_tokens' } })
		);
		expect(result).toMatchObject({ text: 'A', finished: false, finishReason: 'max_tokens' });
		expect(result.error?.code).toBe('disconnected');
	});

	test('the JSON type decides, so frames without SSE event names work', async () => {
		const result = await read(
			'anthropic-messages',
			sse(
				{ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'X' } },
				{ type: 'message_stop' }
			)
		);
		expect(result).toMatchObject({ text: 'X', finished: true });
	});

	test('malformed JSON is a protocol error, named or not', async () => {
		for (const stream of [
			'event: content_block_delta\ndata: {nope\n\n',
			'data: {nope\n\n' // unnamed, as over a WebSocket
		]) {
			const result = await read('anthropic-messages', stream);
			expect(result.error?.code).toBe('protocol');
			expect(result.error?.message).toContain('{nope');
		}
	});

	test('ping and unknown named events are skipped unread, whatever their data', async () => {
		const result = await read(
			'anthropic-messages',
			'event: ping\ndata\n\n' +
				'event: keepalive\ndata: hello\n\n' +
				sse(
					{ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'X' } },
					{ type: 'message_stop' }
				)
		);
		expect(result.error).toBeUndefined();
		expect(result).toMatchObject({ text: 'X', finished: true });
	});
});

describe('ai-sdk-ui', () => {
	test('finish is the end marker, with its finish reason', async () => {
		const result = await read(
			'ai-sdk-ui',
			sse({ type: 'text-delta', id: '1', delta: 'Hi' }, { type: 'finish', finishReason: 'stop' })
		);
		expect(result).toMatchObject({ text: 'Hi', finished: true, finishReason: 'stop' });
	});

	test('tool-input-error completes the call with its input; unknown chunk types are skipped', async () => {
		const result = await read(
			'ai-sdk-ui',
			sse(
				{ type: 'data-weather', data: { t: 1 } },
				{ type: 'tool-input-start', toolCallId: 't', toolName: 'x' },
				{ type: 'tool-input-delta', toolCallId: 't', inputTextDelta: '{"a":' },
				{
					type: 'tool-input-error',
					toolCallId: 't',
					toolName: 'x',
					input: { a: 'raw' },
					errorText: 'bad'
				},
				'[DONE]'
			)
		);
		expect(result.toolCalls).toEqual([
			{ id: 't', name: 'x', argsText: '{"a":', args: { a: 'raw' }, complete: true }
		]);
		expect(result.finished).toBe(true);
	});

	test('abort from the server is an upstream error', async () => {
		const result = await read(
			'ai-sdk-ui',
			sse({ type: 'text-delta', id: '1', delta: 'Hi' }, { type: 'abort' })
		);
		expect(result).toMatchObject({ text: 'Hi', finished: false });
		expect(result.error?.code).toBe('upstream');
	});

	test('a chunk that is not an object is a protocol error', async () => {
		const result = await read('ai-sdk-ui', sse('[1,2]'));
		expect(result.error?.code).toBe('protocol');
	});
});

describe('text', () => {
	test('done with no data, error events, and unknown events', async () => {
		const ok = await read('text', 'data: a\n\nevent: other\ndata: x\n\nevent: done\ndata\n\n');
		expect(ok).toMatchObject({ text: 'a', finished: true });
		expect(ok.finishReason).toBeUndefined();
		const bad = await read('text', 'data: a\n\nevent: error\ndata: Model overloaded\n\n');
		expect(bad).toMatchObject({ text: 'a', finished: false });
		expect(bad.error).toMatchObject({ code: 'upstream', message: 'Model overloaded' });
	});
});

describe('protocols', () => {
	test('an unknown protocol id names the known ones', () => {
		// @ts-expect-error: deliberately unknown
		expect(() => resolveProtocol('openai')).toThrow(/'openai-chat'/);
	});

	test('a custom Protocol object is used as is', async () => {
		const shouty: Protocol = {
			id: 'shouty',
			createReader: () => ({
				event(event, answer) {
					if (event.event === 'end') answer.finish('bye');
					else answer.appendText(event.data.toUpperCase());
				}
			})
		};
		const result = await read(shouty, 'data: hi\n\nevent: end\ndata\n\n');
		expect(result).toMatchObject({ text: 'HI', finished: true, finishReason: 'bye' });
	});

	test('a reader that throws a plain error becomes a protocol error', async () => {
		const broken: Protocol = {
			id: 'broken',
			createReader: () => ({
				event() {
					throw new Error('oops');
				}
			})
		};
		const result = await read(broken, 'data: hi\n\n');
		expect(result.error?.code).toBe('protocol');
		expect(result.error?.cause).toBeInstanceOf(Error);
	});
});

describe('text: tool calls', () => {
	test('event: tool-call with JSON data becomes a complete tool call', async () => {
		const result = await read(
			'text',
			'data: Checking.\n\nevent: tool-call\ndata: {"id":"t1","name":"get_weather","input":{"city":"Paris"},"output":{"c":21}}\n\nevent: done\ndata: stop\n\n'
		);
		expect(result.toolCalls).toEqual([
			{
				id: 't1',
				name: 'get_weather',
				argsText: '{"city":"Paris"}',
				args: { city: 'Paris' },
				complete: true
			}
		]);
		expect(result).toMatchObject({ text: 'Checking.', finished: true });
	});

	test('a tool-call event without JSON is a protocol error', async () => {
		const result = await read('text', 'event: tool-call\ndata: get_weather\n\n');
		expect(result.error?.code).toBe('protocol');
	});
});

describe('ai-sdk-ui: tool input that did not stream', () => {
	test('tool-input-available alone gives argsText from the input', async () => {
		const result = await read(
			'ai-sdk-ui',
			sse(
				{ type: 'tool-input-available', toolCallId: 'c', toolName: 'now', input: { tz: 'UTC' } },
				'[DONE]'
			)
		);
		expect(result.toolCalls).toEqual([
			{ id: 'c', name: 'now', argsText: '{"tz":"UTC"}', args: { tz: 'UTC' }, complete: true }
		]);
	});
});

describe('readLLMStream: the body and its limits', () => {
	test('a body that errors mid-answer is disconnected (the response had arrived), text kept', async () => {
		const encoder = new TextEncoder();
		for (const protocol of ['text', 'openai-chat'] as const) {
			const body = new ReadableStream<Uint8Array>({
				start(controller) {
					controller.enqueue(
						encoder.encode(protocol === 'text' ? 'data: hi\n\n' : sse(chunk({ content: 'hi' })))
					);
					setTimeout(() => controller.error(new TypeError('terminated')), 5);
				}
			});
			const result = await readLLMStream(body, { protocol });
			expect(result).toMatchObject({ text: 'hi', finished: false });
			expect(result.error?.code, protocol).toBe('disconnected');
			expect(result.error?.cause).toBeInstanceOf(TypeError);
		}
	});

	test('maxEventBytes bounds an event: event_too_large, earlier text kept', async () => {
		const body = bodyOf([sse(chunk({ content: 'ok' }), chunk({ content: 'x'.repeat(500) }))]);
		const result = await readLLMStream(body, { protocol: 'openai-chat', maxEventBytes: 200 });
		expect(result.text).toBe('ok');
		expect(result.error?.code).toBe('event_too_large');
		const roomy = await readLLMStream(
			bodyOf([sse(chunk({ content: 'x'.repeat(500) }), '[DONE]')]),
			{ protocol: 'openai-chat', maxEventBytes: 1000 }
		);
		expect(roomy).toMatchObject({ text: 'x'.repeat(500), finished: true });
	});

	test('a maxEventBytes that is not a positive number is a TypeError', async () => {
		for (const maxEventBytes of [0, -1, Number.NaN, '10' as unknown as number]) {
			await expect(
				readLLMStream(bodyOf(['data: hi\n\n']), { protocol: 'text', maxEventBytes })
			).rejects.toThrow(/readLLMStream: `maxEventBytes` must be a positive number/);
		}
	});
});

describe('an `event: error` whose data is not JSON is still the server reporting an error', () => {
	const partial = {
		'anthropic-messages': `event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Part' } })}\n\n`,
		'openai-chat': sse(chunk({ content: 'Part' }))
	};
	for (const protocol of ['anthropic-messages', 'openai-chat'] as const) {
		test(`${protocol}: upstream with the text as the message, partial text kept`, async () => {
			const result = await read(
				protocol,
				`${partial[protocol]}event: error\ndata: Bad gateway\n\n`
			);
			expect(result).toMatchObject({ text: 'Part', finished: false });
			expect(result.error).toMatchObject({ code: 'upstream', message: 'Bad gateway' });

			const empty = await read(protocol, `${partial[protocol]}event: error\ndata:\n\n`);
			expect(empty.error?.code).toBe('upstream');
			expect(empty.error?.message).toMatch(/reported an error/);
		});
	}

	test('malformed JSON in an ordinary event stays a protocol error', async () => {
		const result = await read('anthropic-messages', 'event: content_block_delta\ndata: {oops\n\n');
		expect(result.error?.code).toBe('protocol');
	});
});
