import { describe, expect, test } from 'vitest';
import { textEventStream } from '../../../src/lib/server/text-event-stream.js';
import { encodeSSE, type SSEMessage } from '../../../src/lib/server/encode.js';
import { readLLMStream } from '../../../src/lib/core/read-llm-stream.js';
import { bodyOf } from '../core/body.js';

async function collect(iterable: AsyncIterable<SSEMessage>): Promise<SSEMessage[]> {
	const out: SSEMessage[] = [];
	for await (const message of iterable) out.push(message);
	return out;
}

async function* from<T>(items: T[]) {
	yield* items;
}

describe('textEventStream', () => {
	test('one event per non-empty delta with increasing ids, then done', async () => {
		expect(await collect(textEventStream(from(['Hel', '', 'lo', ' you'])))).toEqual([
			{ id: '1', data: 'Hel' },
			{ id: '2', data: 'lo' },
			{ id: '3', data: ' you' },
			{ id: '4', event: 'done', data: 'stop' }
		]);
	});

	test('a CRLF cut between two deltas is one line break, not two', async () => {
		const events = await collect(textEventStream(from(['line one\r', '\nline two', '\r', '\n'])));
		expect(events.map((e) => e.data)).toEqual(['line one\r', 'line two', '\r', 'stop']);
		// Through the wire and the kit's reader, each CR is one line break.
		const wire = events.map((event) => encodeSSE(event)).join('');
		const read = await readLLMStream(bodyOf([wire]), { protocol: 'text' });
		expect(read).toMatchObject({ text: 'line one\nline two\n', finished: true });
		const other = await collect(textEventStream(from(['a\r', { data: 'x' }, '\nb'])));
		expect(other.map((e) => e.data)).toEqual(['a\r', 'x', '\nb', 'stop']);
	});

	test('firstId and finishReason', async () => {
		expect(
			await collect(textEventStream(from(['a']), { firstId: 10, finishReason: 'length' }))
		).toEqual([
			{ id: '10', data: 'a' },
			{ id: '11', event: 'done', data: 'length' }
		]);
	});

	test('passes SSE messages among the deltas through with the next id', async () => {
		const tool = { event: 'tool-call', data: '{"name":"x"}' };
		expect(await collect(textEventStream(from<string | SSEMessage>(['a', tool])))).toEqual([
			{ id: '1', data: 'a' },
			{ id: '2', event: 'tool-call', data: '{"name":"x"}' },
			{ id: '3', event: 'done', data: 'stop' }
		]);
	});

	test('a source error passes through, with no done event', async () => {
		const failing = (async function* () {
			yield 'a';
			throw new Error('upstream');
		})();
		const seen: SSEMessage[] = [];
		await expect(async () => {
			for await (const message of textEventStream(failing)) seen.push(message);
		}).rejects.toThrow('upstream');
		expect(seen).toEqual([{ id: '1', data: 'a' }]);
	});

	test('return() runs the source finally and ends the stream without done', async () => {
		const log: string[] = [];
		const source = (async function* () {
			try {
				yield 'a';
				yield 'b';
			} finally {
				log.push('finally');
			}
		})();
		const events = textEventStream(source);
		expect(await events.next()).toEqual({ done: false, value: { id: '1', data: 'a' } });
		expect(await events.return!()).toEqual({ done: true, value: undefined });
		expect(log).toEqual(['finally']);
		expect(await events.next()).toEqual({ done: true, value: undefined });
	});

	test('rejects a source that is not async iterable with a TypeError', () => {
		expect(() => textEventStream(['a'] as unknown as AsyncIterable<string>)).toThrow(TypeError);
	});
});
