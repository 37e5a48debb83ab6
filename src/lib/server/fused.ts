import type { SSEMessage } from './encode.js';

/**
 * Internal: an iterator that only maps another one can expose this, so `sseResponse` pulls the
 * inner source itself and maps synchronously, one promise per event instead of two. The iterator's
 * own `next()` and `return()` keep working; this is a shortcut, not a second protocol.
 */
export const FUSED: unique symbol = Symbol('svelte-llm-stream.fused');

export interface Fused {
	/** The next result of the inner source, or `undefined` once the mapping has ended. */
	pullSource(): Promise<IteratorResult<unknown>> | undefined;
	/** Maps one inner result to the next message; `null` skips it (pull again). */
	map(next: IteratorResult<unknown>): IteratorResult<SSEMessage> | null;
	/** Records that the inner source threw, so the mapping ends. */
	failed(): void;
}

/** The fused shortcut of `iterable`, if it has one. */
export const fusedOf = (iterable: object): Fused | undefined =>
	(iterable as { [FUSED]?: Fused })[FUSED];
