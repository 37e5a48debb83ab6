import { flushSync } from 'svelte';
import { afterEach, describe, expect, test } from 'vitest';
import { createChat, type ChatOptions } from '../../../src/lib/svelte/chat.svelte.js';
import type { StreamStatus } from '../../../src/lib/svelte/token-stream.svelte.js';
import { createFakeFetch, createManualFrames, sse, until } from './token-stream-harness.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
	while (cleanups.length) cleanups.pop()!();
});

function watch<T>(read: () => T) {
	const seen: T[] = [];
	cleanups.push(
		$effect.root(() => {
			$effect(() => {
				seen.push(read());
			});
		})
	);
	flushSync();
	return seen;
}

function setup(extra: Partial<ChatOptions> = {}) {
	const server = createFakeFetch();
	const frames = createManualFrames();
	const statuses: StreamStatus[] = [];
	let parsed = 0;
	const chat = createChat({
		url: 'http://test.local/api/chat',
		fetch: server.fetch,
		schedule: frames.schedule,
		onToken: () => parsed++,
		onStatusChange: (status) => statuses.push(status),
		...extra
	});
	cleanups.push(() => chat.stop());
	const frame = () => {
		frames.run();
		flushSync();
	};
	return { server, chat, frame, statuses, parsed: () => parsed };
}

describe('createChat', () => {
	test('send() adds the user message, streams the answer in place, and sends the conversation', async () => {
		const { server, chat, frame, parsed } = setup({
			initialMessages: [{ role: 'system', content: 'Be brief.' }]
		});
		const lists = watch(() => chat.messages);
		const answers = watch(() => chat.messages.at(-1)?.content);

		const done = chat.send('Hi there');
		flushSync();
		expect(chat.messages.map((m) => [m.role, m.content])).toEqual([
			['system', 'Be brief.'],
			['user', 'Hi there'],
			['assistant', '']
		]);
		expect(chat.status).toBe('connecting');
		await until(() => server.exchanges.length === 1);
		expect(server.exchanges[0].body).toEqual({
			messages: [
				{ role: 'system', content: 'Be brief.' },
				{ role: 'user', content: 'Hi there' }
			]
		});
		const listsBefore = lists.length;
		const answer = chat.messages[2];

		const tokens = Array.from({ length: 500 }, (_, i) => `w${i} `);
		for (const token of tokens) server.exchanges[0].write(sse.token(token));
		await until(() => parsed() === 500);
		frame();
		server.exchanges[0].write(sse.token('end.'));
		await until(() => parsed() === 501);
		frame();

		// One reactive update of the answer per frame; the list itself was not replaced per token.
		expect(answers.slice(-2)).toEqual([tokens.join(''), tokens.join('') + 'end.']);
		expect(lists.length).toBe(listsBefore);
		expect(chat.messages[2]).toBe(answer);
		expect(chat.status).toBe('streaming');

		server.exchanges[0].write(sse.done());
		server.exchanges[0].close();
		const result = await done;
		expect(result?.text).toBe(tokens.join('') + 'end.');
		expect(answer.content).toBe(result?.text);
		expect(answer.parts).toEqual([{ type: 'text', text: result?.text }]);
		expect(chat.status).toBe('done');
	});

	test('a message spreads, clones and serialises like a plain object, and its reads stay reactive', async () => {
		const { server, chat, frame } = setup({
			initialMessages: [{ role: 'user', content: 'Saved question' }]
		});
		const [first] = chat.messages;
		expect({ ...first }).toEqual({
			id: first.id,
			role: 'user',
			content: 'Saved question',
			reasoning: '',
			toolCalls: [],
			parts: [{ type: 'text', text: 'Saved question' }]
		});
		expect(JSON.parse(JSON.stringify(first))).toMatchObject({
			role: 'user',
			content: 'Saved question'
		});
		expect(structuredClone(first)).toMatchObject({ role: 'user', content: 'Saved question' });

		// Copies made by spreading are valid input for setMessages (e.g. to edit one message).
		chat.setMessages((current) => current.map((m) => ({ ...m, content: m.content + '!' })));
		expect(chat.messages.map((m) => [m.role, m.content])).toEqual([['user', 'Saved question!']]);

		// The own getters read the live state: a streaming answer is seen as it grows.
		const answers = watch(() => chat.messages.at(-1)?.content);
		const done = chat.send('More');
		await until(() => server.exchanges.length === 1);
		server.exchanges[0].write(sse.token('Grows'));
		await until(() => (frame(), chat.messages.at(-1)?.content === 'Grows'));
		expect({ ...chat.messages.at(-1)! }.content).toBe('Grows');
		expect(answers.at(-1)).toBe('Grows');
		server.exchanges[0].write(sse.done());
		server.exchanges[0].close();
		await done;
	});

	test('an error keeps the partial assistant message; regenerate() replaces it with a new answer', async () => {
		const { server, chat, frame, statuses } = setup();
		const first = chat.send('Question');
		await until(() => server.exchanges.length === 1);
		server.exchanges[0].write(sse.token('Half an'));
		await until(() => (frame(), chat.messages[1].content === 'Half an'));
		server.exchanges[0].write(sse.error('overloaded'));
		server.exchanges[0].close();
		await first;

		expect(chat.status).toBe('error');
		expect(chat.error?.code).toBe('upstream');
		expect(chat.messages.map((m) => [m.role, m.content])).toEqual([
			['user', 'Question'],
			['assistant', 'Half an']
		]);

		const again = chat.regenerate();
		expect(chat.error).toBeNull();
		expect(chat.messages.map((m) => [m.role, m.content])).toEqual([
			['user', 'Question'],
			['assistant', '']
		]);
		await until(() => server.exchanges.length === 2);
		expect(server.exchanges[1].body).toEqual({ messages: [{ role: 'user', content: 'Question' }] });
		server.exchanges[1].write(sse.token('Whole answer') + sse.done());
		server.exchanges[1].close();
		await again;
		expect(chat.messages.map((m) => m.content)).toEqual(['Question', 'Whole answer']);
		expect(statuses).toEqual(['connecting', 'streaming', 'error', 'connecting', 'done']);
	});

	test('stop() aborts and keeps the partial answer; a later send() includes it in the history', async () => {
		const { server, chat, frame } = setup();
		void chat.send('One');
		await until(() => server.exchanges.length === 1);
		server.exchanges[0].write(sse.token('Partial'));
		await until(() => (frame(), chat.messages[1].content === 'Partial'));
		chat.stop();
		expect(chat.status).toBe('aborted');
		expect(server.exchanges[0].signal.aborted).toBe(true);
		expect(chat.messages[1].content).toBe('Partial');

		void chat.send('Two');
		await until(() => server.exchanges.length === 2);
		expect(server.exchanges[1].body).toEqual({
			messages: [
				{ role: 'user', content: 'One' },
				{ role: 'assistant', content: 'Partial' },
				{ role: 'user', content: 'Two' }
			]
		});
	});

	test('send() while an answer streams stops it first; the old message keeps its text', async () => {
		const { server, chat, parsed } = setup();
		void chat.send('First');
		await until(() => server.exchanges.length === 1);
		server.exchanges[0].write(sse.token('unfinished'));
		await until(() => parsed() === 1);
		void chat.send('Second');
		expect(server.exchanges[0].signal.aborted).toBe(true);
		expect(chat.messages.map((m) => [m.role, m.content])).toEqual([
			['user', 'First'],
			['assistant', 'unfinished'],
			['user', 'Second'],
			['assistant', '']
		]);
		await until(() => server.exchanges.length === 2);
		server.exchanges[0].write(sse.token(' leaked'));
		server.exchanges[1].write(sse.token('fresh') + sse.done());
		server.exchanges[1].close();
		await until(() => chat.status === 'done');
		expect(chat.messages.map((m) => m.content)).toEqual(['First', 'unfinished', 'Second', 'fresh']);
	});

	test('send() without text sends the input and clears it; blank input sends nothing', async () => {
		const { server, chat } = setup();
		chat.input = '   ';
		expect(await chat.send()).toBeUndefined();
		expect(chat.messages).toEqual([]);
		expect(server.exchanges).toHaveLength(0);

		chat.input = '  from the field ';
		void chat.send();
		expect(chat.input).toBe('');
		expect(chat.messages[0].content).toBe('from the field');

		// As a click handler (`onclick={chat.send}`) it gets the event and sends the input.
		chat.input = 'clicked';
		void chat.send(new MouseEvent('click') as unknown as string);
		expect(chat.messages.at(-2)?.content).toBe('clicked');
	});

	test('prepareBody shapes the request; messages that never got content are left out', async () => {
		const { server, chat } = setup({
			prepareBody: (messages, { messages: full }) => ({
				model: 'test-model',
				stream: true,
				input: messages,
				ids: full.map((m) => m.id)
			}),
			generateId: (() => {
				let n = 0;
				return () => `m${++n}`;
			})(),
			initialMessages: [
				{ role: 'user', content: 'earlier' },
				{ role: 'assistant', content: '' }
			]
		});
		void chat.send('now');
		await until(() => server.exchanges.length === 1);
		expect(server.exchanges[0].body).toEqual({
			model: 'test-model',
			stream: true,
			input: [
				{ role: 'user', content: 'earlier' },
				{ role: 'user', content: 'now' }
			],
			ids: ['m1', 'm2', 'm3']
		});
	});

	test('setMessages replaces the conversation, keeping the identity of messages passed back', () => {
		const { chat } = setup({ initialMessages: [{ role: 'user', content: 'a', id: 'keep' }] });
		const kept = chat.messages[0];
		chat.setMessages((current) => [...current, { role: 'assistant', content: 'b' }]);
		expect(chat.messages.map((m) => m.content)).toEqual(['a', 'b']);
		expect(chat.messages[0]).toBe(kept);
		chat.setMessages([]);
		expect(chat.messages).toEqual([]);
	});

	test('bad input gets errors that name the fix', async () => {
		expect(() => createChat('/api/chat' as unknown as ChatOptions)).toThrow(/options object/);
		const { chat } = setup();
		expect(() =>
			chat.setMessages([
				{ role: 'robot', content: 'x' } as unknown as { role: 'user'; content: '' }
			])
		).toThrow(/messages\[0\] must be \{ role/);
		await expect(chat.regenerate()).rejects.toThrow(/no user message/);
	});
});

describe('createChat with every built-in protocol', () => {
	const json = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;
	const cases: Array<{
		protocol: ChatOptions['protocol'];
		stream: string;
		content: string;
		reasoning?: string;
		tool?: { name: string; args: unknown };
	}> = [
		{
			protocol: 'text',
			stream: sse.tokens(['Plain', ' text']) + sse.done(),
			content: 'Plain text'
		},
		{
			protocol: 'openai-chat',
			stream:
				json({ choices: [{ index: 0, delta: { role: 'assistant', content: 'Open' } }] }) +
				json({ choices: [{ index: 0, delta: { content: 'AI' } }] }) +
				json({
					choices: [
						{
							index: 0,
							delta: {
								tool_calls: [
									{
										index: 0,
										id: 'call_1',
										type: 'function',
										function: { name: 'weather', arguments: '{"city":' }
									}
								]
							}
						}
					]
				}) +
				json({
					choices: [
						{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '"Oslo"}' } }] } }
					]
				}) +
				json({ choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] }) +
				'data: [DONE]\n\n',
			content: 'OpenAI',
			tool: { name: 'weather', args: { city: 'Oslo' } }
		},
		{
			protocol: 'anthropic-messages',
			stream:
				`event: message_start\n${json({ type: 'message_start', message: { id: 'msg_1', role: 'assistant', content: [] } })}` +
				`event: content_block_start\n${json({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } })}` +
				`event: content_block_delta\n${json({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Claude' } })}` +
				`event: content_block_stop\n${json({ type: 'content_block_stop', index: 0 })}` +
				`event: content_block_start\n${json({ type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'tu_1', name: 'search', input: {} } })}` +
				`event: content_block_delta\n${json({ type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"q":"svelte"}' } })}` +
				`event: content_block_stop\n${json({ type: 'content_block_stop', index: 1 })}` +
				`event: message_delta\n${json({ type: 'message_delta', delta: { stop_reason: 'tool_use' } })}` +
				`event: message_stop\n${json({ type: 'message_stop' })}`,
			content: 'Claude',
			tool: { name: 'search', args: { q: 'svelte' } }
		},
		{
			protocol: 'ai-sdk-ui',
			stream:
				json({ type: 'start' }) +
				json({ type: 'reasoning-start', id: 'r1' }) +
				json({ type: 'reasoning-delta', id: 'r1', delta: 'Thinking.' }) +
				json({ type: 'reasoning-end', id: 'r1' }) +
				json({ type: 'text-start', id: 't1' }) +
				json({ type: 'text-delta', id: 't1', delta: 'AI ' }) +
				json({ type: 'text-delta', id: 't1', delta: 'SDK' }) +
				json({ type: 'text-end', id: 't1' }) +
				json({ type: 'finish', finishReason: 'stop' }) +
				'data: [DONE]\n\n',
			content: 'AI SDK',
			reasoning: 'Thinking.'
		}
	];

	test.each(cases)(
		'$protocol: the answer, its reasoning and tool calls end up in the message parts',
		async ({ protocol, stream, content, reasoning, tool }) => {
			const { server, chat } = setup({ protocol });
			const done = chat.send('Go');
			await until(() => server.exchanges.length === 1);
			server.exchanges[0].write(stream);
			server.exchanges[0].close();
			const result = await done;
			expect(result?.error).toBeUndefined();
			expect(chat.status).toBe('done');
			const answer = chat.messages[1];
			expect(answer.content).toBe(content);
			expect(answer.reasoning).toBe(reasoning ?? '');
			expect(answer.toolCalls.map((c) => ({ name: c.name, args: c.args }))).toEqual(
				tool ? [tool] : []
			);
			expect(answer.parts.map((p) => p.type)).toEqual([
				...(reasoning ? ['reasoning'] : []),
				'text',
				...(tool ? ['tool-call'] : [])
			]);
		}
	);
});
