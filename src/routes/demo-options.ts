import type { ProtocolId } from '$lib/core/index.js';

/** The mock's fault modes, as the values the endpoint accepts (`none` = behave). */
export const FAULTS = [
	{ value: 'none', label: 'None' },
	{ value: 'drop-after:12', label: 'Drop the connection after 12 events (resumes)' },
	{ value: 'error-after:12', label: 'Provider error after 12 events' },
	{ value: 'stall-after:12', label: 'Stall after 12 events (idle timeout)' },
	{ value: 'status:500', label: 'HTTP 500' },
	{ value: 'status:429', label: 'HTTP 429 with Retry-After' },
	{ value: 'slow-first:2000', label: 'Slow first token (2 s)' }
] as const;

/** Wire formats the mock endpoint can speak. */
export const PROTOCOLS: ReadonlyArray<{ value: ProtocolId; label: string }> = [
	{ value: 'text', label: 'text (the kit’s own)' },
	{ value: 'ai-sdk-ui', label: 'ai-sdk-ui (Vercel AI SDK UI stream)' }
];

/** Idle time after which the demo gives up on a silent stream. */
export const IDLE_TIMEOUT_MS = 2500;

/** How the demo chat reaches the mock: `POST /api/chat` (SSE), or the same over a WebSocket. */
export type DemoTransport = 'sse' | 'websocket';

/** The WebSocket gateway's path, served by scripts/chat-websocket.js (`npm run demo`, `vite dev`). */
export const CHAT_SOCKET_PATH = '/api/chat/ws';

export const TRANSPORTS: ReadonlyArray<{ value: DemoTransport; label: string }> = [
	{ value: 'sse', label: 'HTTP (Server-Sent Events)' },
	{ value: 'websocket', label: 'WebSocket' }
];
