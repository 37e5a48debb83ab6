import type { Snippet } from 'svelte';
import type { HTMLAttributes } from 'svelte/elements';
import type { StreamStatus } from '../shared/status.js';

/**
 * What {@link StreamViewportProps.stream} must provide; a `TokenStream` fits.
 *
 * @example
 * ```ts
 * const stream: StreamViewportSource = createTokenStream({ url: '/api/chat' });
 * const chatSource: StreamViewportSource = createChat({ url: '/api/chat' }); // a chat fits too
 * ```
 */
export interface StreamViewportSource {
	readonly status: StreamStatus;
}

/**
 * What the `jump` snippet of `StreamViewport` receives, to draw a "Jump to latest" control of your
 * own.
 *
 * @example
 * ```svelte
 * <StreamViewport {stream} style="height: 24rem">
 *   <p>{stream.text}</p>
 *   {#snippet jump({ jump }: StreamViewportJumpProps)}
 *     <button onclick={jump}>↓ New text</button>
 *   {/snippet}
 * </StreamViewport>
 * ```
 */
export interface StreamViewportJumpProps {
	/** Scrolls to the newest content, follows it again and focuses the scrolling region. */
	jump: () => void;
}

/**
 * Props of {@link StreamViewport}: the stream (or status) whose restarts re-pin it, whether it
 * follows the newest content, and the jump button.
 *
 * @example
 * ```svelte
 * <StreamViewport {stream} bind:pinned threshold={64} style="height: 24rem">
 *   <p>{stream.text}</p>
 * </StreamViewport>
 * ```
 */
export interface StreamViewportProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
	/**
	 * The stream shown inside. When it (re)starts (`connecting`), the viewport follows the newest
	 * content again. An explicit `status` prop wins over it.
	 * @default undefined
	 */
	stream?: StreamViewportSource;
	/** Where the stream is. @default stream?.status ?? "idle" */
	status?: StreamStatus;
	/**
	 * Whether the viewport follows the newest content. It turns `false` when the user scrolls up and
	 * `true` when they scroll back to the bottom or press "Jump to latest".
	 * @default true
	 */
	pinned?: boolean;
	/** Distance from the bottom, in pixels, that still counts as "at the bottom". @default 32 */
	threshold?: number;
	/** Accessible name of the scrolling region. @default "Conversation" */
	label?: string;
	/** Text of the jump button. @default "Jump to latest" */
	jumpLabel?: string;
	/** Called whenever `pinned` changes. @default undefined */
	onPinnedChange?: (pinned: boolean) => void;
	/** The scrolled content. @default undefined */
	children?: Snippet;
	/** Replaces the jump button shown while not pinned; `null` shows none. @default undefined */
	jump?: Snippet<[StreamViewportJumpProps]> | null;
	/** The root element, once mounted. @default null */
	ref?: HTMLDivElement | null;
	/** The scrolling element, once mounted. @default null */
	scroller?: HTMLDivElement | null;
}
