/**
 * Deterministic inputs for every state shown in `/gallery` and in the Storybook stories: fixed text,
 * fixed errors and plain objects shaped like a `TokenStream` (or a `createChat()` result). Nothing
 * here starts a timer, reads a clock or draws a random number, so every state renders the same
 * pixels on every run, which is what the visual tests rely on.
 */
import { StreamError } from '$lib/core/index.js';
import type {
	ChatMessageLike,
	ChatMessageProps,
	ChatThreadProps,
	ChatToolCall,
	StopButtonProps,
	StreamAnnouncerProps,
	StreamCaretProps,
	StreamErrorProps,
	StreamErrorLike,
	StreamStatus,
	StreamViewportProps,
	StreamingMarkdownProps,
	ToolCallViewProps,
	TypingIndicatorProps
} from '$lib/index.js';

/** One state of one component: what the gallery heading says, and the props that produce it. */
export interface GalleryState<Props> {
	/** Stable id: the anchor on the page and the second half of `data-gallery-state`. */
	readonly id: string;
	/** Short plain-words name of the state. */
	readonly title: string;
	/** What a user sees or hears in this state, in one or two sentences. */
	readonly description: string;
	readonly props: Props;
}

/**
 * The props of one state, looked up by id with its exact type (for stories).
 *
 * @example
 * ```ts
 * const args = stateProps(stopButtonStates, 'streaming');
 * ```
 */
export function stateProps<const S extends GalleryState<unknown>, Id extends S['id']>(
	states: readonly S[],
	id: Id
): Extract<S, { id: Id }>['props'] {
	const state = states.find((candidate) => candidate.id === id);
	if (!state) throw new Error(`No gallery state "${id}"`);
	return state.props as Extract<S, { id: Id }>['props'];
}

/** A component's entry in the gallery index. */
export interface GalleryComponent {
	/** URL segment: `/gallery/<slug>`, and the first half of `data-gallery-state`. */
	readonly slug: string;
	/** The export name in `svelte-llm-stream`. */
	readonly name: string;
	readonly summary: string;
	readonly states: readonly Pick<GalleryState<unknown>, 'id' | 'title' | 'description'>[];
}

/**
 * A frozen stand-in for a `TokenStream`: the fields the components read, plus `retry` and `stop`
 * that do nothing (the gallery is a still picture; stories pass spies as props instead).
 */
export interface FakeStream {
	readonly status: StreamStatus;
	readonly text: string;
	readonly reasoning: string;
	readonly toolCalls: readonly ChatToolCall[];
	readonly error: StreamErrorLike | null;
	retry(): void;
	stop(): void;
}

export function fakeStream(init: Partial<Omit<FakeStream, 'retry' | 'stop'>> = {}): FakeStream {
	return Object.freeze({
		status: 'idle' as StreamStatus,
		text: '',
		reasoning: '',
		toolCalls: [],
		error: null,
		...init,
		retry() {},
		stop() {}
	});
}

// ---------------------------------------------------------------------------------------------
// Texts. Written for this gallery; each partial text is a prefix of the finished one where the
// state implies the answer was cut off.

export const QUESTION = 'How should a chat screen behave when the connection drops?';

export const ANSWER =
	'Keep the partial answer on screen, say in plain words what went wrong, and offer Retry. ' +
	'When the server can resume the same answer, offer Continue as well.';

/** The answer cut off mid-sentence, as left by a dropped connection or a stop. */
export const PARTIAL_ANSWER = ANSWER.slice(0, ANSWER.indexOf(' and offer'));

/** Markdown cut inside a numbered list item and an unclosed `**`. */
export const MID_MARKDOWN =
	'Three rules for streaming interfaces:\n\n' +
	'1. **Never** wipe the partial answer.\n' +
	'2. Announce the start and the end, not every token.\n' +
	'3. Keep the reader **where they';

/** {@link MID_MARKDOWN} once the answer is complete. */
export const MARKDOWN_DONE = MID_MARKDOWN + ' are reading**.';

/** A fenced code block of 24 lines whose closing fence has not arrived yet. */
export const LONG_CODE =
	'Here is a retry loop with back-off:\n\n' +
	'```ts\n' +
	[
		'type Attempt<T> = () => Promise<T>;',
		'',
		'interface RetryOptions {',
		'  attempts: number;',
		'  baseDelayMs: number;',
		'  maxDelayMs: number;',
		'}',
		'',
		'export async function withRetry<T>(run: Attempt<T>, options: RetryOptions): Promise<T> {',
		'  let lastError: unknown;',
		'  for (let attempt = 0; attempt < options.attempts; attempt++) {',
		'    try {',
		'      return await run();',
		'    } catch (error) {',
		'      lastError = error;',
		'      const delay = Math.min(',
		'        options.maxDelayMs,',
		'        options.baseDelayMs * 2 ** attempt',
		'      );',
		'      await new Promise((resolve) => setTimeout(resolve, delay));',
		'    }',
		'  }',
		'  throw lastError;',
		'}'
	].join('\n');

/** A table whose last row is still arriving. */
export const TABLE_STREAMING =
	'What each error code tells the reader:\n\n' +
	'| Code | What the reader sees |\n' +
	'| --- | --- |\n' +
	'| `network` | The connection was lost before the answer finished. |\n' +
	'| `http_status` 429 | Too many requests, with the wait time. |\n' +
	'| `idle_timeout` | The answer st';

const WEATHER_ARGS = '{"city":"Paris","units":"celsius","days":[1,2,3]}';

/** A tool call whose JSON arguments are still arriving. */
export const TOOL_CALL_STREAMING: ChatToolCall = {
	id: 'call_weather',
	name: 'get_weather',
	argsText: WEATHER_ARGS.slice(0, WEATHER_ARGS.indexOf(',"days"') + 12),
	complete: false
};

export const TOOL_CALL_COMPLETE: ChatToolCall = {
	id: 'call_weather',
	name: 'get_weather',
	argsText: WEATHER_ARGS,
	args: JSON.parse(WEATHER_ARGS),
	complete: true
};

// ---------------------------------------------------------------------------------------------
// Errors, one per way an answer can fail.

export const errors = {
	network: new StreamError('network', 'fetch failed'),
	disconnected: new StreamError('disconnected', 'The stream ended before its end marker'),
	server: new StreamError('http_status', 'HTTP 500', { status: 500 }),
	rateLimited: new StreamError('http_status', 'HTTP 429', { status: 429, retryAfterMs: 20_000 }),
	idleTimeout: new StreamError('idle_timeout', 'No data for 30000 ms'),
	upstream: new StreamError('upstream', 'The model is overloaded, please try again later')
} as const;

// ---------------------------------------------------------------------------------------------
// States per component.

export const streamingMarkdownStates = [
	{
		id: 'mid-markdown',
		title: 'Streaming, mid-markdown',
		description:
			'Cut inside a list item and an open bold span: the bold text shows without stray asterisks.',
		props: { source: MID_MARKDOWN, streaming: true }
	},
	{
		id: 'long-code',
		title: 'Long code block',
		description:
			'The closing fence has not arrived: the code is already a block, with its label and Copy.',
		props: { source: LONG_CODE, streaming: true }
	},
	{
		id: 'table-streaming',
		title: 'Table while streaming',
		description:
			'The last row is still arriving: complete rows show, the half row waits for its end.',
		props: { source: TABLE_STREAMING, streaming: true }
	},
	{
		id: 'done',
		title: 'Done',
		description: 'The answer is complete: rendered as plain markdown, no caret.',
		props: { source: MARKDOWN_DONE, streaming: false }
	}
] as const satisfies readonly GalleryState<StreamingMarkdownProps>[];

export const typingIndicatorStates = [
	{
		id: 'idle',
		title: 'Idle',
		description: 'Nothing has been asked: the indicator renders nothing.',
		props: { stream: fakeStream({ status: 'idle' }) }
	},
	{
		id: 'connecting',
		title: 'Connecting',
		description: 'Waiting for the first token: three dots, announced as "Assistant is typing".',
		props: { stream: fakeStream({ status: 'connecting' }) }
	},
	{
		id: 'reconnecting',
		title: 'Reconnecting',
		description: 'The connection dropped and is being restored: announced as such.',
		props: { stream: fakeStream({ status: 'reconnecting', text: PARTIAL_ANSWER }) }
	},
	{
		id: 'streaming',
		title: 'Streaming',
		description: 'Text is arriving: the indicator steps aside for the text.',
		props: { stream: fakeStream({ status: 'streaming', text: PARTIAL_ANSWER }) }
	}
] as const satisfies readonly GalleryState<TypingIndicatorProps>[];

export const streamErrorStates = [
	{
		id: 'network',
		title: 'Network error',
		description: 'The connection was lost mid-answer: Continue and Retry are offered.',
		props: {
			stream: fakeStream({ status: 'error', text: PARTIAL_ANSWER, error: errors.network }),
			onContinue: () => {}
		}
	},
	{
		id: 'server-error',
		title: 'Server error (HTTP 500)',
		description: 'The server failed: the status is named and Retry is offered.',
		props: { stream: fakeStream({ status: 'error', error: errors.server }) }
	},
	{
		id: 'rate-limited',
		title: 'Rate limited (HTTP 429)',
		description: 'Too many requests: the wait the server asked for is shown.',
		props: { stream: fakeStream({ status: 'error', error: errors.rateLimited }) }
	},
	{
		id: 'idle-timeout',
		title: 'Stalled (idle timeout)',
		description: 'Nothing arrived for too long: the partial answer can be continued.',
		props: {
			stream: fakeStream({ status: 'error', text: PARTIAL_ANSWER, error: errors.idleTimeout }),
			onContinue: () => {}
		}
	},
	{
		id: 'upstream',
		title: 'Model error',
		description: 'The model provider reported an error: its message is shown.',
		props: { stream: fakeStream({ status: 'error', text: PARTIAL_ANSWER, error: errors.upstream }) }
	},
	{
		id: 'aborted',
		title: 'Stopped',
		description: 'The user pressed Stop: the answer says it was stopped, Retry starts over.',
		props: { stream: fakeStream({ status: 'aborted', text: PARTIAL_ANSWER }) }
	}
] as const satisfies readonly GalleryState<StreamErrorProps>[];

export const streamCaretStates = [
	{
		id: 'streaming',
		title: 'Streaming',
		description: 'A block caret follows the last character while text arrives.',
		props: { stream: fakeStream({ status: 'streaming', text: PARTIAL_ANSWER }) }
	},
	{
		id: 'done',
		title: 'Done',
		description: 'The answer is complete: no caret.',
		props: { stream: fakeStream({ status: 'done', text: ANSWER }) }
	}
] as const satisfies readonly GalleryState<StreamCaretProps>[];

export const stopButtonStates = [
	{
		id: 'idle',
		title: 'Idle',
		description: 'Nothing to stop: the button is disabled but stays focusable.',
		props: { stream: fakeStream({ status: 'idle' }) }
	},
	{
		id: 'connecting',
		title: 'Connecting',
		description: 'A request is in flight: Stop is enabled.',
		props: { stream: fakeStream({ status: 'connecting' }) }
	},
	{
		id: 'streaming',
		title: 'Streaming',
		description: 'Text is arriving: Stop is enabled.',
		props: { stream: fakeStream({ status: 'streaming', text: PARTIAL_ANSWER }) }
	},
	{
		id: 'done',
		title: 'Done',
		description: 'The answer is complete: Stop is disabled again.',
		props: { stream: fakeStream({ status: 'done', text: ANSWER }) }
	}
] as const satisfies readonly GalleryState<StopButtonProps>[];

/** Enough lines to overflow the viewport the gallery gives `StreamViewport`. */
export const VIEWPORT_LINES = Array.from(
	{ length: 12 },
	(_, index) => `Line ${index + 1} of the answer.`
);

export const streamViewportStates = [
	{
		id: 'following',
		title: 'Following the answer',
		description: 'New text arrives and the view stays pinned to the newest line.',
		props: { stream: fakeStream({ status: 'streaming' }), pinned: true }
	},
	{
		id: 'scrolled-up',
		title: 'Reader scrolled up',
		description: 'The reader left the bottom: the view stays put and offers "Jump to latest".',
		props: { stream: fakeStream({ status: 'streaming' }), pinned: false }
	}
] as const satisfies readonly GalleryState<StreamViewportProps>[];

export const toolCallViewStates = [
	{
		id: 'streaming',
		title: 'Arguments streaming',
		description: 'The arguments grow as indented JSON while the model writes them.',
		props: { toolCall: TOOL_CALL_STREAMING }
	},
	{
		id: 'complete',
		title: 'Arguments complete',
		description: 'The call is ready to run.',
		props: { toolCall: TOOL_CALL_COMPLETE }
	},
	{
		id: 'failed',
		title: 'Failed',
		description: 'The answer broke off while the arguments were being written.',
		props: { toolCall: TOOL_CALL_STREAMING, state: 'error' }
	}
] as const satisfies readonly GalleryState<ToolCallViewProps>[];

export const streamAnnouncerStates = [
	{
		id: 'idle',
		title: 'Idle',
		description: 'Silent until an answer starts.',
		props: { stream: fakeStream({ status: 'idle' }) }
	},
	{
		id: 'started',
		title: 'Answer started',
		description: 'Said once when the answer starts, never once per token.',
		props: { stream: fakeStream({ status: 'streaming', text: PARTIAL_ANSWER }) }
	},
	{
		id: 'reconnecting',
		title: 'Reconnecting',
		description: 'Said when the connection drops and is being restored.',
		props: { stream: fakeStream({ status: 'reconnecting', text: PARTIAL_ANSWER }) }
	},
	{
		id: 'complete',
		title: 'Answer complete',
		description: 'Said when the answer finishes.',
		props: { stream: fakeStream({ status: 'done', text: ANSWER }) }
	},
	{
		id: 'stopped',
		title: 'Answer stopped',
		description: 'Said when the user stops the answer.',
		props: { stream: fakeStream({ status: 'aborted', text: PARTIAL_ANSWER }) }
	},
	{
		id: 'failed',
		title: 'Answer failed',
		description: 'Says what went wrong, in the same words as the error box.',
		props: { stream: fakeStream({ status: 'error', text: PARTIAL_ANSWER, error: errors.network }) }
	}
] as const satisfies readonly GalleryState<StreamAnnouncerProps>[];

/** The answer states of issue 9, shown on a whole assistant message. */
export const chatMessageStates = [
	{
		id: 'user',
		title: 'User message',
		description: 'What the user asked, aligned to the end.',
		props: { role: 'user', text: QUESTION }
	},
	{
		id: 'idle',
		title: 'Idle',
		description: 'No answer requested yet: the assistant message is empty.',
		props: { stream: fakeStream({ status: 'idle' }) }
	},
	{
		id: 'connecting',
		title: 'Connecting',
		description: 'Asked, no token yet: the typing indicator shows.',
		props: { stream: fakeStream({ status: 'connecting' }) }
	},
	{
		id: 'mid-markdown',
		title: 'Streaming, mid-markdown',
		description: 'Cut inside a list item and an open bold span; the caret follows the text.',
		props: { stream: fakeStream({ status: 'streaming', text: MID_MARKDOWN }) }
	},
	{
		id: 'long-code',
		title: 'Long code block',
		description: 'A 24-line code block whose closing fence has not arrived yet.',
		props: { stream: fakeStream({ status: 'streaming', text: LONG_CODE }) }
	},
	{
		id: 'table-streaming',
		title: 'Table while streaming',
		description: 'A table whose last row is still arriving.',
		props: { stream: fakeStream({ status: 'streaming', text: TABLE_STREAMING }) }
	},
	{
		id: 'tool-call-streaming',
		title: 'Tool call streaming',
		description: 'The model is writing the arguments of a tool call.',
		props: {
			stream: fakeStream({
				status: 'streaming',
				text: 'Let me check the forecast.',
				toolCalls: [TOOL_CALL_STREAMING]
			})
		}
	},
	{
		id: 'done',
		title: 'Done',
		description: 'The answer is complete: no caret, no indicator, not busy.',
		props: { stream: fakeStream({ status: 'done', text: ANSWER }) }
	},
	{
		id: 'error-partial',
		title: 'Error with a partial answer',
		description: 'The connection broke: the partial answer stays above the error.',
		props: {
			stream: fakeStream({ status: 'error', text: PARTIAL_ANSWER, error: errors.network }),
			onContinue: () => {}
		}
	},
	{
		id: 'server-error',
		title: 'Server error with a partial answer',
		description: 'The stream failed with HTTP 500 after some text arrived.',
		props: { stream: fakeStream({ status: 'error', text: PARTIAL_ANSWER, error: errors.server }) }
	},
	{
		id: 'aborted',
		title: 'Aborted',
		description: 'The user pressed Stop: the partial answer stays, marked as stopped.',
		props: { stream: fakeStream({ status: 'aborted', text: PARTIAL_ANSWER }) }
	},
	{
		id: 'reconnecting',
		title: 'Reconnecting',
		description: 'The connection dropped; the partial answer stays while it reconnects.',
		props: { stream: fakeStream({ status: 'reconnecting', text: PARTIAL_ANSWER }) }
	},
	{
		id: 'rate-limited',
		title: 'Rate limited',
		description: 'HTTP 429 before any text: the wait time is shown.',
		props: { stream: fakeStream({ status: 'error', error: errors.rateLimited }) }
	}
] as const satisfies readonly GalleryState<ChatMessageProps>[];

const conversation = (answer: ChatMessageLike): ChatMessageLike[] => [
	{ id: 'q1', role: 'user', content: QUESTION },
	{ id: 'a1', ...answer }
];

export const chatThreadStates = [
	{
		id: 'idle',
		title: 'Idle',
		description: 'An empty conversation: the composer is ready, Stop is disabled.',
		props: { messages: [], status: 'idle', error: null }
	},
	{
		id: 'streaming',
		title: 'Streaming',
		description: 'An answer is arriving: Stop is enabled.',
		props: {
			messages: conversation({ role: 'assistant', content: PARTIAL_ANSWER }),
			status: 'streaming',
			error: null
		}
	},
	{
		id: 'error-partial',
		title: 'Error with a partial answer',
		description: 'The answer broke off: it stays, with the reason and Retry below it.',
		props: {
			messages: conversation({ role: 'assistant', content: PARTIAL_ANSWER }),
			status: 'error',
			error: errors.network,
			onRetry: () => {}
		}
	}
] as const satisfies readonly GalleryState<ChatThreadProps>[];

const entry = (
	slug: string,
	name: string,
	summary: string,
	states: GalleryComponent['states']
): GalleryComponent => ({ slug, name, summary, states });

/** Every component in the gallery, in the order of the index page. */
export const galleryComponents: readonly GalleryComponent[] = [
	entry(
		'chat-message',
		'ChatMessage',
		'One message, composed of the components below: every state of an answer.',
		chatMessageStates
	),
	entry(
		'chat-thread',
		'ChatThread',
		'A ready chat layout: history, live region and composer.',
		chatThreadStates
	),
	entry(
		'streaming-markdown',
		'StreamingMarkdown',
		'Markdown that renders while it streams: healed while incomplete, safe for model output.',
		streamingMarkdownStates
	),
	entry(
		'typing-indicator',
		'TypingIndicator',
		'Shown while waiting for the first token and while reconnecting.',
		typingIndicatorStates
	),
	entry(
		'stream-error',
		'StreamErrorView',
		'Why an answer stopped, in plain words, with Retry and Continue.',
		streamErrorStates
	),
	entry('stream-caret', 'StreamCaret', 'The caret after the growing text.', streamCaretStates),
	entry(
		'stop-button',
		'StopButton',
		'Stops the answer; disabled unless one is running.',
		stopButtonStates
	),
	entry(
		'stream-viewport',
		'StreamViewport',
		'The scrolling container that follows new text unless the reader scrolled up.',
		streamViewportStates
	),
	entry(
		'tool-call-view',
		'ToolCallView',
		"A tool call's name, state and arguments as they stream.",
		toolCallViewStates
	),
	entry(
		'stream-announcer',
		'StreamAnnouncer',
		'The one polite live region; made visible in the gallery to show what it says.',
		streamAnnouncerStates
	)
];
