import { env } from '$env/dynamic/private';
import { createStreamRegistry } from '$lib/server/index.js';

const number = (value: string | undefined, fallback: number) =>
	value !== undefined && value !== '' && Number.isFinite(Number(value)) ? Number(value) : fallback;

/**
 * The demo's one registry, shared by `POST /api/chat` and `GET /api/chat/{streamId}`. App state, not
 * library state: the library never holds a module-level registry. `CHAT_ORPHAN_TIMEOUT_MS` lets
 * tests shorten how long an unfollowed answer keeps generating.
 */
export const chatRegistry = createStreamRegistry({
	ttlMs: 5 * 60_000,
	maxStreams: 500,
	maxEventsPerStream: 5_000,
	orphanTimeoutMs: number(env.CHAT_ORPHAN_TIMEOUT_MS, 10_000)
});

/**
 * Logs one JSON line per generation event when `MOCK_LLM_LOG=1`, so tests of the built server can
 * see a generator's `finally` run.
 */
export function logGeneration(entry: Record<string, unknown>): void {
	if (env.MOCK_LLM_LOG === '1') console.log(JSON.stringify({ mockLlm: true, ...entry }));
}
