import type { Component } from 'svelte';
import { StreamError as StreamErrorClass } from '../core/errors.js';
import StreamErrorView from './components/stream-error/stream-error.svelte';
import type { StreamErrorProps } from './components/stream-error/types.js';

/**
 * `StreamError` from `svelte-llm-stream` is two things the issues name alike: the error class of
 * `svelte-llm-stream/core` (`new StreamError(code, message)`, `instanceof StreamError`) and the
 * partial-error component (`<StreamError {stream} onRetry={…} />`, also exported as
 * `StreamErrorView`). Called with `new`, it constructs the class; called as a component, it renders.
 *
 * @example
 * ```svelte
 * <script lang="ts">
 *   import { StreamError } from 'svelte-llm-stream';
 *   const error = new StreamError('network', 'The connection dropped.');
 * </script>
 * <StreamError {error} onRetry={() => stream.retry()} />
 * ```
 */
export const StreamError = function StreamError(this: unknown, ...args: unknown[]) {
	// A Svelte component is a plain function call; `new` (or a subclass's `super`) means the class.
	if (new.target) return Reflect.construct(StreamErrorClass, args, new.target);
	return (StreamErrorView as unknown as (...a: unknown[]) => unknown)(...args);
} as unknown as typeof StreamErrorClass & Component<StreamErrorProps>;

// Same prototype and statics: instances are `StreamErrorClass` instances, so `instanceof` agrees
// whichever of the two names a caller holds.
StreamError.prototype = StreamErrorClass.prototype;
Object.setPrototypeOf(StreamError, StreamErrorClass);

/** The instance type, for `error: StreamError` annotations. */
export type StreamError = StreamErrorClass;
