import { describe, expect, test, vi } from 'vitest';
import { createSSEDecoder, type SSEEvent } from '../../../../src/lib/core/sse/decode.js';
import { isStreamError } from '../../../../src/lib/core/errors.js';
import { concat, feedings } from '../chunking.js';

interface Case {
	name: string;
	input: string | Uint8Array;
	events: Array<Partial<SSEEvent> & { data: string }>;
	lastEventId?: string;
	retry?: number | null;
	comments?: string[];
}

const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

// Expected results follow the WHATWG HTML "Server-sent events" parsing and interpretation steps.
const cases: Case[] = [
	{ name: 'LF line ends', input: 'data: hello\n\n', events: [{ data: 'hello' }] },
	{ name: 'CRLF line ends', input: 'data: hello\r\n\r\n', events: [{ data: 'hello' }] },
	{ name: 'CR line ends', input: 'data: a\r\rdata: b\r\r', events: [{ data: 'a' }, { data: 'b' }] },
	{
		name: 'mixed line ends in one stream',
		input: 'data: a\r\ndata: b\rdata: c\n\r\ndata: d\r\r',
		events: [{ data: 'a\nb\nc' }, { data: 'd' }]
	},
	{
		name: 'a lone CR as the final blank line',
		input: 'data: last\n\r',
		events: [{ data: 'last' }]
	},
	{
		name: 'CR CR LF is two line ends, then a stray LF',
		input: 'data: x\r\r\n',
		events: [{ data: 'x' }]
	},
	{
		name: 'CR then LF is one line end (no extra blank line)',
		input: 'data: a\r\ndata: b\r\n\r\n',
		events: [{ data: 'a\nb' }]
	},
	{
		name: 'BOM at the very start is stripped',
		input: '\uFEFFdata: a\n\n',
		events: [{ data: 'a' }]
	},
	{
		name: 'BOM at the start as bytes',
		input: concat(bytes(0xef, 0xbb, 0xbf), utf8('data: a\n\n')),
		events: [{ data: 'a' }]
	},
	{
		name: 'only one BOM is stripped',
		input: '\uFEFF\uFEFFdata: a\n\ndata: b\n\n',
		events: [{ data: 'b' }]
	},
	{
		name: 'BOM later in the stream is part of the field name',
		input: 'data: a\n\n\uFEFFdata: b\n\n',
		events: [{ data: 'a' }]
	},
	{
		name: 'multi-byte UTF-8 split anywhere',
		input: 'data: héllo wörld 🙂 日本語\n\n',
		events: [{ data: 'héllo wörld 🙂 日本語' }]
	},
	{
		name: 'invalid UTF-8 becomes U+FFFD',
		input: concat(utf8('data: a'), bytes(0xff), utf8('b'), bytes(0xc3), utf8('\n\n')),
		events: [{ data: 'a\uFFFDb\uFFFD' }]
	},
	{
		name: 'a truncated character before a line end is one U+FFFD',
		input: concat(utf8('data: '), bytes(0xf0, 0x9f, 0x99), utf8('\n\n')),
		events: [{ data: '\uFFFD' }]
	},
	{
		name: 'field without a colon is a field with an empty value',
		input: 'data\n\n',
		events: [{ data: '' }]
	},
	{ name: 'two empty data fields', input: 'data\ndata\n\n', events: [{ data: '\n' }] },
	{ name: 'data: with nothing after it', input: 'data:\n\n', events: [{ data: '' }] },
	{
		name: 'exactly one leading space is stripped',
		input: 'data:  two\n\n',
		events: [{ data: ' two' }]
	},
	{ name: 'no space after the colon', input: 'data:x\n\n', events: [{ data: 'x' }] },
	{ name: 'a tab is not stripped', input: 'data:\tx\n\n', events: [{ data: '\tx' }] },
	{ name: 'colons in the value stay', input: 'data: a: b:c\n\n', events: [{ data: 'a: b:c' }] },
	{
		name: 'data lines join with LF',
		input: 'data: a\ndata: b\ndata:\n\n',
		events: [{ data: 'a\nb\n' }]
	},
	{ name: 'trailing spaces are kept', input: 'data: a  \n\n', events: [{ data: 'a  ' }] },
	{ name: 'NUL in data is kept', input: 'data: a\u0000b\n\n', events: [{ data: 'a\u0000b' }] },
	{ name: 'field names are case-sensitive', input: 'Data: x\nDATA: y\n\n', events: [] },
	{ name: 'a field name with a leading space is unknown', input: ' data: x\n\n', events: [] },
	{
		name: 'unknown fields are ignored',
		input: 'foo: bar\ndata: x\nbaz\n\n',
		events: [{ data: 'x' }]
	},
	{
		name: 'event type, then back to message',
		input: 'event: add\ndata: 1\n\ndata: 2\n\n',
		events: [
			{ event: 'add', data: '1' },
			{ event: 'message', data: '2' }
		]
	},
	{
		name: 'an empty event field means message',
		input: 'event:\ndata: x\n\n',
		events: [{ event: 'message', data: 'x' }]
	},
	{
		name: 'a block without data dispatches nothing and resets the event type',
		input: 'event: foo\n\ndata: x\n\n',
		events: [{ event: 'message', data: 'x' }]
	},
	{ name: 'blank lines alone dispatch nothing', input: '\n\n\r\n\r\r', events: [] },
	{
		name: 'the last event ID persists across events',
		input: 'id: 1\ndata: a\n\ndata: b\n\n',
		events: [
			{ data: 'a', id: '1' },
			{ data: 'b', id: '1' }
		],
		lastEventId: '1'
	},
	{
		name: 'an empty id resets the last event ID',
		input: 'id: 1\ndata: a\n\nid\ndata: b\n\n',
		events: [
			{ data: 'a', id: '1' },
			{ data: 'b', id: '' }
		],
		lastEventId: ''
	},
	{
		name: 'an id with U+0000 is ignored',
		input: 'id: 5\ndata: a\n\nid: 6\u00007\ndata: b\n\n',
		events: [
			{ data: 'a', id: '5' },
			{ data: 'b', id: '5' }
		],
		lastEventId: '5'
	},
	{
		name: 'an id in a block without data still updates lastEventId',
		input: 'data: a\n\nid: 7\n\n',
		events: [{ data: 'a', id: '' }],
		lastEventId: '7'
	},
	{
		name: 'an id set after data in the same block applies to that event',
		input: 'data: a\nid: 3\n\n',
		events: [{ data: 'a', id: '3' }],
		lastEventId: '3'
	},
	{
		name: 'an id keeps its spaces after the first',
		input: 'id:  x y \ndata: a\n\n',
		events: [{ data: 'a', id: ' x y ' }]
	},
	{
		name: 'an id of an unterminated final block is discarded',
		input: 'id: 1\ndata: a\n\nid: 2\ndata: b\n',
		events: [{ data: 'a', id: '1' }],
		lastEventId: '1'
	},
	{
		name: 'a final block without its blank line is discarded',
		input: 'data: a\n\ndata: b\n',
		events: [{ data: 'a' }]
	},
	{
		name: 'a final line without a line end is discarded',
		input: 'data: a\n\ndata: b',
		events: [{ data: 'a' }]
	},
	{ name: 'a final CR ends a line but not the block', input: 'data: a\r', events: [] },
	{ name: 'retry with digits', input: 'retry: 1500\n', events: [], retry: 1500 },
	{ name: 'retry 0', input: 'retry:0\n', events: [], retry: 0 },
	{
		name: 'retry with a letter is ignored',
		input: 'retry: 1500\nretry: 15a\n',
		events: [],
		retry: 1500
	},
	{
		name: 'retry with a sign is ignored',
		input: 'retry: -1\nretry: +2\n',
		events: [],
		retry: null
	},
	{ name: 'retry with a decimal point is ignored', input: 'retry: 1.5\n', events: [], retry: null },
	{ name: 'an empty retry is ignored', input: 'retry\nretry:\n', events: [], retry: null },
	{
		name: 'retry with a trailing space is ignored',
		input: 'retry: 10 \n',
		events: [],
		retry: null
	},
	{ name: 'retry with non-ASCII digits is ignored', input: 'retry: ١٢\n', events: [], retry: null },
	{
		name: 'retry does not need a blank line and does not dispatch',
		input: 'data: a\nretry: 20\n\n',
		events: [{ data: 'a' }],
		retry: 20
	},
	{
		name: 'comments are reported and ignored',
		input: ': hello\n:\n:  two\ndata: x\n\n',
		events: [{ data: 'x' }],
		comments: ['hello', '', ' two']
	},
	{
		name: 'a comment between data lines does not split the event',
		input: 'data: a\n: ping\ndata: b\n\n',
		events: [{ data: 'a\nb' }],
		comments: ['ping']
	},
	{
		name: 'OpenAI-style chunks',
		input: 'data: {"a":1}\n\ndata: {"b":"x y"}\n\ndata: [DONE]\n\n',
		events: [{ data: '{"a":1}' }, { data: '{"b":"x y"}' }, { data: '[DONE]' }]
	},
	{
		name: 'U+2028 and U+2029 are not line ends',
		input: 'data: a\u2028b\u2029c\n\n',
		events: [{ data: 'a\u2028b\u2029c' }]
	},
	{
		name: 'a long line',
		input: `data: ${'x'.repeat(70_000)}\n\n`,
		events: [{ data: 'x'.repeat(70_000) }]
	}
];

function decodeAll(chunks: Array<string | Uint8Array>) {
	const events: SSEEvent[] = [];
	const comments: string[] = [];
	const retries: number[] = [];
	const decoder = createSSEDecoder({
		onEvent: (e) => events.push(e),
		onComment: (c) => comments.push(c),
		onRetry: (ms) => retries.push(ms)
	});
	for (const chunk of chunks) decoder.push(chunk);
	decoder.end();
	return { events, comments, retries, lastEventId: decoder.lastEventId, retry: decoder.retry };
}

describe('createSSEDecoder: the WHATWG parsing and interpretation algorithm', () => {
	for (const c of cases) {
		describe(c.name, () => {
			const expected = c.events.map((e) => ({
				event: e.event ?? 'message',
				data: e.data,
				id: e.id ?? ''
			}));
			for (const [how, chunks] of feedings(c.input)) {
				test(how, () => {
					const result = decodeAll(chunks);
					expect(result.events).toEqual(expected);
					if (c.lastEventId !== undefined) expect(result.lastEventId).toBe(c.lastEventId);
					if (c.retry !== undefined) expect(result.retry).toBe(c.retry);
					if (c.comments !== undefined) expect(result.comments).toEqual(c.comments);
				});
			}
		});
	}
});

describe('createSSEDecoder: API', () => {
	test('onRetry is called for each valid retry, and retry holds the last one', () => {
		const result = decodeAll(['retry: 5\nretry: x\nretry: 7\n']);
		expect(result.retries).toEqual([5, 7]);
		expect(result.retry).toBe(7);
	});

	test('lastEventId is readable while events are dispatched', () => {
		const seen: string[] = [];
		const decoder = createSSEDecoder({ onEvent: () => seen.push(decoder.lastEventId) });
		decoder.push('id: 9\ndata: a\n\n');
		expect(seen).toEqual(['9']);
	});

	test('a starting lastEventId applies until the stream sends another', () => {
		const events: SSEEvent[] = [];
		const decoder = createSSEDecoder({ lastEventId: '41', onEvent: (e) => events.push(e) });
		decoder.push('data: a\n\nid: 42\ndata: b\n\n');
		expect(events.map((e) => e.id)).toEqual(['41', '42']);
	});

	test('end() discards a pending event, also one whose last byte was a CR', () => {
		const onEvent = vi.fn();
		const decoder = createSSEDecoder({ onEvent });
		decoder.push('data: a\r');
		decoder.end();
		expect(onEvent).not.toHaveBeenCalled();
	});

	test('a CR at the end of one chunk and LF at the start of the next make one line end', () => {
		const events: SSEEvent[] = [];
		const decoder = createSSEDecoder({ onEvent: (e) => events.push(e) });
		decoder.push('data: a\r');
		decoder.push('\ndata: b\r');
		decoder.push('\n\r');
		decoder.push('\n');
		expect(events).toEqual([{ event: 'message', data: 'a\nb', id: '' }]);
	});

	test('an event larger than maxEventBytes is a StreamError, and the decoder recovers', () => {
		const events: SSEEvent[] = [];
		const decoder = createSSEDecoder({ maxEventBytes: 64, onEvent: (e) => events.push(e) });
		let caught: unknown;
		try {
			for (let i = 0; i < 10; i++) decoder.push(`data: ${'x'.repeat(20)}\n`);
		} catch (error) {
			caught = error;
		}
		expect(isStreamError(caught) && caught.code).toBe('event_too_large');
		decoder.push('\ndata: small\n\n');
		expect(events.map((e) => e.data)).toEqual(['small']);
	});

	test('maxEventBytes is the most data an event may carry: exactly that much passes, one more fails', () => {
		const limit = 10;
		const fits = ['data: 0123456789\n\n', 'data:0123456789\n\n', 'data: 01234\ndata: 5678\n\n'];
		const tooBig = ['data: 0123456789a\n\n', 'data: 01234\ndata: 56789\n\n', 'data: 0123456789a'];
		for (const input of fits) {
			for (const [how, chunks] of feedings(input, 2)) {
				const events: SSEEvent[] = [];
				const decoder = createSSEDecoder({ maxEventBytes: limit, onEvent: (e) => events.push(e) });
				for (const chunk of chunks) decoder.push(chunk);
				expect(
					events.map((e) => e.data.length),
					`${JSON.stringify(input)}, ${how}`
				).toEqual([10]);
			}
		}
		for (const input of tooBig) {
			for (const [how, chunks] of feedings(input, 2)) {
				const decoder = createSSEDecoder({ maxEventBytes: limit, onEvent: () => {} });
				expect(
					() => chunks.forEach((chunk) => decoder.push(chunk)),
					`${JSON.stringify(input)}, ${how}`
				).toThrow(/maxEventBytes/);
			}
		}
	});

	test('one endless line is cut off, not buffered without bound', () => {
		// A data line at maxEventBytes; any other line at the larger of it and 64 Ki.
		const data = createSSEDecoder({ maxEventBytes: 1000, onEvent: () => {} });
		expect(() => {
			for (let i = 0; i < 100; i++) data.push(i === 0 ? 'data: ' : 'y'.repeat(100));
		}).toThrow(/maxEventBytes \(1000\)/);
		const other = createSSEDecoder({ maxEventBytes: 1000, onEvent: () => {} });
		expect(() => {
			for (let i = 0; i < 1000; i++) other.push('y'.repeat(100));
		}).toThrow(/SSE line exceeded 65536 characters/);
	});

	test('whether maxEventBytes is exceeded does not depend on where the chunks are cut', () => {
		const fits: Array<[number, string, string[]]> = [
			[4, 'data:ab\n\n', ['ab']],
			[5, 'data:12\ndata:34\n\n', ['12\n34']],
			[5, 'data\n'.repeat(6) + '\n', ['\n'.repeat(5)]],
			[4, 'data:😀😀\n\n', ['😀😀']],
			[4, ':hello world\n\ndata:ok\n\n', ['ok']],
			[4, 'id:abcdef\ndata:ok\n\n', ['ok']],
			[4, 'event:abcdef\ndata:ok\n\n', ['ok']]
		];
		for (const [limit, input, expected] of fits) {
			for (const [how, chunks] of feedings(input)) {
				const events: SSEEvent[] = [];
				const decoder = createSSEDecoder({ maxEventBytes: limit, onEvent: (e) => events.push(e) });
				for (const chunk of chunks) decoder.push(chunk);
				expect(
					events.map((e) => e.data),
					`${JSON.stringify(input)}, ${how}`
				).toEqual(expected);
			}
		}
		const long = 'x'.repeat(70_000);
		for (const input of [`id:${long}\ndata:ok\n\n`, `event:${long}\ndata:ok\n\n`]) {
			for (const [how, chunks] of feedings(input, 2).filter(([name]) => name !== 'char by char')) {
				const decoder = createSSEDecoder({ maxEventBytes: 10, onEvent: () => {} });
				expect(
					() => chunks.forEach((chunk) => decoder.push(chunk)),
					`${input.slice(0, 8)}…, ${how}`
				).toThrow(/SSE line exceeded 65536 characters/);
			}
		}
	});

	test('a comment is not kept without onComment, so its length never matters', () => {
		const events: SSEEvent[] = [];
		const decoder = createSSEDecoder({ onEvent: (e) => events.push(e) });
		const comment = ':' + 'c'.repeat(2 * 1024 * 1024);
		for (let at = 0; at < comment.length; at += 64 * 1024)
			decoder.push(comment.slice(at, at + 64 * 1024));
		decoder.push('\ndata:ok\n\n');
		expect(events.map((e) => e.data)).toEqual(['ok']);

		// With onComment the comment is kept whole, so it is bounded, cut or not.
		for (const chunked of [false, true]) {
			const comments: string[] = [];
			const reading = createSSEDecoder({ onEvent: () => {}, onComment: (c) => comments.push(c) });
			const push = () => {
				if (!chunked) return reading.push(comment + '\n');
				for (let at = 0; at < comment.length; at += 64 * 1024)
					reading.push(comment.slice(at, at + 64 * 1024));
			};
			expect(push, chunked ? 'in chunks' : 'whole').toThrow(/SSE line exceeded 1048576 characters/);
			expect(comments).toEqual([]);
		}
	});

	test('a maxEventBytes that is not a positive number is a TypeError', () => {
		for (const maxEventBytes of [0, -5, Number.NaN, '64' as unknown as number]) {
			expect(() => createSSEDecoder({ onEvent: () => {}, maxEventBytes })).toThrow(
				/createSSEDecoder: `maxEventBytes` must be a positive number/
			);
		}
	});

	test('maxEventBytes defaults to 1 MiB', () => {
		const events: SSEEvent[] = [];
		const decoder = createSSEDecoder({ onEvent: (e) => events.push(e) });
		decoder.push(`data: ${'z'.repeat(1024 * 1024 - 100)}\n\n`);
		expect(events[0].data.length).toBe(1024 * 1024 - 100);
		expect(() => decoder.push(`data: ${'z'.repeat(1024 * 1024 + 1)}`)).toThrow(/maxEventBytes/);
	});

	test('a bare function instead of options names the fix', () => {
		// @ts-expect-error: deliberately wrong call
		expect(() => createSSEDecoder(() => {})).toThrow(/createSSEDecoder\(\{ onEvent: fn \}\)/);
	});

	test('missing onEvent is a TypeError', () => {
		// @ts-expect-error: deliberately wrong call
		expect(() => createSSEDecoder({})).toThrow(TypeError);
	});
});
