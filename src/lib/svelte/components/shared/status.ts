import type { StreamStatus } from '../../token-stream.svelte.js';

export type { StreamStatus };

/** Statuses in which a request is in flight and can be stopped. */
export function isActive(status: StreamStatus): boolean {
	return status === 'connecting' || status === 'streaming' || status === 'reconnecting';
}
