import type { Snippet } from 'svelte';
import type { HTMLButtonAttributes } from 'svelte/elements';
import type { StreamStatus } from '../shared/status.js';

/**
 * What {@link StopButtonProps.stream} must provide; a `TokenStream` fits.
 *
 * @example
 * ```ts
 * const stream: StopButtonSource = createTokenStream({ url: '/api/chat' });
 * const job: StopButtonSource = { status: 'streaming', stop: () => controller.abort() };
 * ```
 */
export interface StopButtonSource {
	readonly status: StreamStatus;
	stop(): void;
}

/**
 * Props of {@link StopButton}: the stream (or status and stop handler) it controls, and its label
 * or content.
 *
 * @example
 * ```svelte
 * <StopButton {stream} />
 * <StopButton status={chat.status} onStop={chat.stop} label="Stop generating" />
 * ```
 */
export interface StopButtonProps extends Omit<HTMLButtonAttributes, 'children' | 'disabled'> {
	/** The stream to stop. Explicit `status` and `onStop` props win over it. @default undefined */
	stream?: StopButtonSource;
	/** Where the stream is; the button is enabled while connecting, streaming or reconnecting. @default stream?.status ?? "idle" */
	status?: StreamStatus;
	/** Called on activation while enabled. @default stream?.stop */
	onStop?: () => void;
	/** Forces the disabled state (it is also disabled whenever nothing is in flight). @default false */
	disabled?: boolean;
	/** Accessible name and visible text of the default content. @default "Stop" */
	label?: string;
	/** Replaces the button's content (give it a text alternative); `label` stays the accessible name. @default undefined */
	children?: Snippet<[{ active: boolean }]>;
	/** The button element, once mounted. @default null */
	ref?: HTMLButtonElement | null;
}
