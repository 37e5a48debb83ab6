import type { Snippet } from 'svelte';
import type { HTMLAttributes } from 'svelte/elements';

/**
 * The parts of a `ToolCall` the view reads; the core's `ToolCall` fits, and so does a plain object.
 *
 * @example
 * ```ts
 * const call: ToolCallLike = { name: 'get_weather', argsText: '{"city": "Par', complete: false };
 * ```
 */
export interface ToolCallLike {
	readonly name: string;
	readonly argsText: string;
	readonly args?: unknown;
	readonly complete: boolean;
}

/**
 * What the view shows as the call's state; pass `'error'` yourself when running the tool failed.
 *
 * @example
 * ```ts
 * const state: ToolCallState = failed ? 'error' : toolCall.complete ? 'complete' : 'streaming';
 * ```
 */
export type ToolCallState = 'streaming' | 'complete' | 'error';

/**
 * Props of {@link ToolCallView}: the call (or its name, arguments and state) to show, the state
 * labels, and what goes below the arguments.
 *
 * @example
 * ```svelte
 * <ToolCallView {toolCall} stateLabels={{ complete: 'Ready' }}>
 *   {#if results[toolCall.id]}<pre>{results[toolCall.id]}</pre>{/if}
 * </ToolCallView>
 * ```
 */
export interface ToolCallViewProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
	/** The call to show (for example one of `stream.toolCalls`). Explicit props win over it. @default undefined */
	toolCall?: ToolCallLike;
	/** The tool's name. @default toolCall?.name ?? "" */
	name?: string;
	/** The raw argument JSON so far; shown indented while it grows. @default toolCall?.argsText ?? "" */
	argsText?: string;
	/** Parsed arguments, shown when `argsText` is empty. @default toolCall?.args */
	args?: unknown;
	/** The call's state. @default toolCall?.complete ? "complete" : "streaming" */
	state?: ToolCallState;
	/** Visible state texts. @default { streaming: "Writing arguments", complete: "Arguments complete", error: "Failed" } */
	stateLabels?: Partial<Record<ToolCallState, string>>;
	/** Replaces the argument display; `null` hides it. @default undefined */
	argsView?: Snippet<[{ text: string; args: unknown; state: ToolCallState }]> | null;
	/** Shown below the arguments, for example the tool's result. @default undefined */
	children?: Snippet;
	/** The root element, once mounted. @default null */
	ref?: HTMLDivElement | null;
}
