import type { Snippet } from 'svelte';
import type { HTMLAttributes } from 'svelte/elements';
import type { StreamStatus } from '../shared/status.js';

/**
 * What {@link StreamCaretProps.stream} must provide; a `TokenStream` fits.
 *
 * @example
 * ```ts
 * const stream: StreamCaretSource = createTokenStream({ url: '/api/chat' });
 * const typing: StreamCaretSource = { status: 'streaming' }; // e.g. a fixture
 * ```
 */
export interface StreamCaretSource {
	readonly status: StreamStatus;
}

/**
 * Props of {@link StreamCaret}: the stream (or status) that decides when it shows, and an
 * optional glyph of your own.
 *
 * @example
 * ```svelte
 * <p>{stream.text}<StreamCaret {stream} /></p>
 * <p>{text}<StreamCaret status={busy ? 'streaming' : 'done'}>▍</StreamCaret></p>
 * ```
 */
export interface StreamCaretProps extends Omit<HTMLAttributes<HTMLSpanElement>, 'children'> {
	/** The stream to follow. An explicit `status` prop wins over it. @default undefined */
	stream?: StreamCaretSource;
	/** Where the stream is; the caret renders only while it is `streaming`. @default stream?.status ?? "idle" */
	status?: StreamStatus;
	/** Replaces the default block glyph (the caret stays hidden from assistive technology). @default undefined */
	children?: Snippet;
	/** The root element, once mounted. @default null */
	ref?: HTMLSpanElement | null;
}
