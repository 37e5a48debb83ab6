import type { Snippet } from 'svelte';
import type { HTMLAttributes } from 'svelte/elements';
import type { StreamStatus } from '../shared/status.js';

/** What {@link StreamCaretProps.stream} must provide; a `TokenStream` fits. */
export interface StreamCaretSource {
	readonly status: StreamStatus;
}

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
