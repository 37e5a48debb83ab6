import type { MarkdownBlock } from '../../../core/markdown/markdown-stream.js';

/** A run of blocks rendered by one inner `{#each}`. */
export interface BlockGroup {
	/** Position of the group; a live group keeps its key when it fills up. */
	readonly key: number;
	readonly blocks: readonly MarkdownBlock[];
	/** The last group: the newest settled blocks and the open ones. It changes on every update. */
	readonly live: boolean;
}

/**
 * Groups rendered blocks so an update touches a bounded amount of UI state however long the
 * answer is. Full groups are the same objects on every call, so their `{#each}` never runs again;
 * the live group holds the open blocks, so a block that settles stays in the same `{#each}` (its
 * DOM is kept, not moved). The outer list grows by one group per `size` blocks.
 *
 * @example
 * ```ts
 * const group = createBlockGrouper(16);
 * const groups = group(snapshot.settled, snapshot.open);
 * ```
 */
export function createBlockGrouper(size = 16) {
	if (!Number.isInteger(size) || size < 1) {
		throw new TypeError(`group size must be a positive integer, got ${size}`);
	}
	let full: BlockGroup[] = [];
	let first: MarkdownBlock | undefined;
	return (settled: readonly MarkdownBlock[], open: readonly MarkdownBlock[]): BlockGroup[] => {
		// A different first block means a new answer (or a new policy): forget the old groups.
		if (settled[0] !== first) {
			full = [];
			first = settled[0];
		}
		const fullCount = Math.floor(settled.length / size);
		if (full.length > fullCount) full = full.slice(0, fullCount);
		while (full.length < fullCount) {
			const start = full.length * size;
			full.push({ key: full.length, blocks: settled.slice(start, start + size), live: false });
		}
		const live = {
			key: fullCount,
			blocks: [...settled.slice(fullCount * size), ...open],
			live: true
		};
		return [...full, live];
	};
}
