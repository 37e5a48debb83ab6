import type { Snippet } from 'svelte';
import type { HTMLAttributes } from 'svelte/elements';
import type { StreamStatus } from '../shared/status.js';

/**
 * What {@link TypingIndicatorProps.stream} must provide; a `TokenStream` fits.
 *
 * @example
 * ```ts
 * const stream: TypingIndicatorSource = createTokenStream({ url: '/api/chat' });
 * const waiting: TypingIndicatorSource = { status: 'connecting', text: '' }; // e.g. a fixture
 * ```
 */
export interface TypingIndicatorSource {
	readonly status: StreamStatus;
	readonly text: string;
}

/**
 * Props of {@link TypingIndicator}: the stream (or status and text) it follows, its labels, and
 * whether long pauses show it again.
 *
 * @example
 * ```svelte
 * <TypingIndicator {stream} pauseMs={2000} label="Thinking" />
 * ```
 */
export interface TypingIndicatorProps extends Omit<HTMLAttributes<HTMLSpanElement>, 'children'> {
	/** The stream to follow. Explicit `status` and `text` props win over it. @default undefined */
	stream?: TypingIndicatorSource;
	/** Where the stream is. @default stream?.status ?? "idle" */
	status?: StreamStatus;
	/** The answer so far; the indicator hides once it is non-empty (unless paused). @default stream?.text ?? "" */
	text?: string;
	/** Shown and announced while waiting for the first token. @default "Assistant is typing" */
	label?: string;
	/** Shown and announced while the stream reconnects. @default "Connection lost, reconnecting" */
	reconnectingLabel?: string;
	/**
	 * Shows the indicator again when no new text arrived for this many milliseconds while streaming;
	 * `0` turns pause detection off.
	 * @default 0
	 */
	pauseMs?: number;
	/**
	 * `true`: the root is a polite `role="status"` live region. `false`: it is a labelled image, for
	 * layouts such as `ChatThread` that announce through one shared live region instead.
	 * @default true
	 */
	live?: boolean;
	/** Replaces the animated dots; `null` renders no visual, only the accessible label. @default undefined */
	children?: Snippet | null;
	/** The root element, once mounted. @default null */
	ref?: HTMLSpanElement | null;
}
