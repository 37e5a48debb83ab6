import type { Snippet } from 'svelte';
import type { HTMLAttributes } from 'svelte/elements';
import type { StreamStatus } from '../shared/status.js';
import type { StreamErrorLike } from './describe.js';

/**
 * What {@link StreamErrorProps.stream} must provide; a `TokenStream` fits.
 *
 * @example
 * ```ts
 * const stream: StreamErrorSource = createTokenStream({ url: '/api/chat' });
 * const error = new StreamError('network', 'Offline');
 * const failed: StreamErrorSource = { status: 'error', error }; // e.g. a fixture
 * ```
 */
export interface StreamErrorSource {
	readonly status: StreamStatus;
	readonly error: StreamErrorLike | null;
	/** Called by the Retry button when no `onRetry` prop is given. */
	retry?: () => unknown;
}

/**
 * What the `children` snippet of `StreamErrorView` receives, to draw the error state your own way.
 *
 * @example
 * ```svelte
 * <StreamErrorView {stream}>
 *   {#snippet children({ message, retry }: StreamErrorSnippetProps)}
 *     <p>{message}</p>
 *     {#if retry}<button onclick={retry}>Try again</button>{/if}
 *   {/snippet}
 * </StreamErrorView>
 * ```
 */
export interface StreamErrorSnippetProps {
	/** The error shown (for a stop without an error object, a synthetic `aborted` one). */
	error: StreamErrorLike;
	/** The plain-words description of the error. */
	message: string;
	/** Starts the answer again, or `undefined` when no retry handler is available. */
	retry: (() => void) | undefined;
	/** Continues the broken answer, or `undefined` when that is not possible for this error. */
	resume: (() => void) | undefined;
}

/**
 * Props of {@link StreamErrorView}: the stream (or status and error) it describes, the Retry and
 * Continue actions it offers, and their labels.
 *
 * @example
 * ```svelte
 * <StreamErrorView {stream} onContinue={resume} retryLabel="Try again" />
 * ```
 */
export interface StreamErrorProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
	/** The stream to follow. Explicit `status` and `error` props win over it. @default undefined */
	stream?: StreamErrorSource;
	/** Where the stream is; `aborted` without an error shows the "stopped" message. @default stream?.status ?? "idle" */
	status?: StreamStatus;
	/** The error to show; `null` shows nothing (even when the stream has an error). @default stream?.error ?? null */
	error?: StreamErrorLike | null;
	/** Called by the Retry button; the button is hidden when neither this nor `stream.retry` exists. @default stream?.retry */
	onRetry?: (error: StreamErrorLike) => void;
	/** Called by the Continue button, shown only when set and the error left a resumable answer. @default undefined */
	onContinue?: (error: StreamErrorLike) => void;
	/** Whether to show Continue for this error. @default isResumable(error) (network, disconnected, idle_timeout) */
	canContinue?: boolean;
	/** Text of the Retry button. @default "Retry" */
	retryLabel?: string;
	/** Text of the Continue button. @default "Continue" */
	continueLabel?: string;
	/** Turns an error into the sentence shown. @default describeStreamError */
	describe?: (error: StreamErrorLike) => string;
	/**
	 * `true`: the root is `role="alert"`. `false`: a labelled group, for layouts such as `ChatThread`
	 * that announce through one shared live region instead.
	 * @default true
	 */
	live?: boolean;
	/** Replaces the body (message and buttons); `null` leaves the alert empty. @default undefined */
	children?: Snippet<[StreamErrorSnippetProps]> | null;
	/** The root element, once mounted. @default null */
	ref?: HTMLDivElement | null;
}
