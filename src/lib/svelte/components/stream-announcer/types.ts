import type { HTMLAttributes } from 'svelte/elements';
import type { StreamStatus } from '../shared/status.js';
import type { StreamErrorLike } from '../stream-error/describe.js';

/**
 * What {@link StreamAnnouncerProps.stream} must provide; a `TokenStream` fits.
 *
 * @example
 * ```ts
 * const stream: StreamAnnouncerSource = createTokenStream({ url: '/api/chat' });
 * const done: StreamAnnouncerSource = { status: 'done', error: null }; // e.g. a fixture
 * ```
 */
export interface StreamAnnouncerSource {
	readonly status: StreamStatus;
	readonly error: StreamErrorLike | null;
}

/**
 * The sentences the announcer speaks; override some through the `announcements` prop, e.g. to
 * translate them.
 *
 * @example
 * ```ts
 * const announcements: Partial<StreamAnnouncements> = {
 *   complete: 'Reply ready',
 *   failed: (message) => `Reply failed. ${message}`
 * };
 * ```
 */
export interface StreamAnnouncements {
	/** While connecting or streaming. @default "Answer started" */
	started: string;
	/** When the answer finished. @default "Answer complete" */
	complete: string;
	/** When the user stopped it. @default "Answer stopped" */
	stopped: string;
	/** While reconnecting. @default "Connection lost, reconnecting" */
	reconnecting: string;
	/** When it failed; receives the plain-words error description. @default (message) => `Answer failed. ${message}` */
	failed: (message: string) => string;
}

/**
 * Props of {@link StreamAnnouncer}: the stream (or status and error) it announces, and the
 * sentences it says.
 *
 * @example
 * ```svelte
 * <StreamAnnouncer {stream} announcements={{ complete: 'Reply ready' }} />
 * ```
 */
export interface StreamAnnouncerProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
	/** The stream to follow. Explicit `status` and `error` props win over it. @default undefined */
	stream?: StreamAnnouncerSource;
	/** Where the stream is. @default stream?.status ?? "idle" */
	status?: StreamStatus;
	/** The error to announce when `status` is `error`. @default stream?.error ?? null */
	error?: StreamErrorLike | null;
	/** Overrides some or all sentences. @default {} */
	announcements?: Partial<StreamAnnouncements>;
	/** Turns an error into words. @default describeStreamError */
	describe?: (error: StreamErrorLike) => string;
	/** The live region, once mounted. @default null */
	ref?: HTMLDivElement | null;
}
