import type { SSEMessage } from '$lib/server/index.js';

/** A misbehaviour the mock can be asked for, parsed from the request's `fault`. */
export type Fault =
	| { kind: 'none' }
	/** Destroy the socket of the original connection after N events; a resume completes. */
	| { kind: 'drop-after'; events: number }
	/** Throw after N events, so the stream ends with an in-stream error event. */
	| { kind: 'error-after'; events: number }
	/** Stop producing after N events but keep the connection open. */
	| { kind: 'stall-after'; events: number }
	/** Answer with this HTTP status (JSON body) instead of a stream. */
	| { kind: 'status'; status: 500 | 429 }
	/** Wait this long before the first event. */
	| { kind: 'slow-first'; ms: number };

/** The fault strings the endpoint accepts, for error messages and docs. */
export const FAULT_FORMS = [
	'none',
	'drop-after:N',
	'error-after:N',
	'stall-after:N',
	'status:500',
	'status:429',
	'slow-first:MS'
] as const;

const MAX_SLOW_FIRST_MS = 60_000;

/** Parses a fault string; `undefined` for anything that is not one of {@link FAULT_FORMS}. */
export function parseFault(value: string): Fault | undefined {
	if (value === 'none') return { kind: 'none' };
	const counted = /^(drop-after|error-after|stall-after):([0-9]{1,6})$/.exec(value);
	if (counted) {
		return { kind: counted[1] as 'drop-after', events: Number(counted[2]) };
	}
	const status = /^status:(500|429)$/.exec(value);
	if (status) return { kind: 'status', status: Number(status[1]) as 500 | 429 };
	const slow = /^slow-first:([0-9]{1,6})$/.exec(value);
	if (slow && Number(slow[1]) <= MAX_SLOW_FIRST_MS)
		return { kind: 'slow-first', ms: Number(slow[1]) };
	return undefined;
}

/** Thrown by the mock for `error-after:N`; its message is safe to show. */
export class MockFaultError extends Error {
	override readonly name = 'MockFaultError';
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export const sleep = (ms: number, signal?: AbortSignal) =>
	new Promise<void>((resolve) => {
		if (ms <= 0 || signal?.aborted) return resolve();
		const timer = setTimeout(done, ms);
		function done() {
			clearTimeout(timer);
			signal?.removeEventListener('abort', done);
			resolve();
		}
		signal?.addEventListener('abort', done, { once: true });
	});

/**
 * Applies the generation-side faults (`error-after`, `stall-after`, `slow-first`) to a stream of
 * SSE messages. `drop-after` and `status` act on the connection instead; see `+server.ts`.
 */
export async function* withFault(
	messages: AsyncIterable<SSEMessage>,
	fault: Fault,
	signal: AbortSignal
): AsyncGenerator<SSEMessage> {
	if (fault.kind === 'slow-first') {
		await sleep(fault.ms, signal);
		if (signal.aborted) return;
	}
	let sent = 0;
	for await (const message of messages) {
		if (fault.kind === 'error-after' && sent === fault.events) {
			throw new MockFaultError(
				`The mock model failed after ${sent} events (injected error-after:${fault.events}).`
			);
		}
		if (fault.kind === 'stall-after' && sent === fault.events) {
			// Hold the connection open, silent, until the stream is stopped or abandoned.
			await new Promise<void>((resolve) => {
				if (signal.aborted) resolve();
				else signal.addEventListener('abort', () => resolve(), { once: true });
			});
			return;
		}
		yield message;
		sent++;
	}
}

/** How long `drop-after` waits for what was sent to leave before it drops the connection. */
const DROP_FLUSH_MS = 20;

/**
 * Wraps an SSE body so the connection breaks (the stream errors, and the node adapter destroys the
 * socket mid-chunked-body) when event `events + 1` is ready. Breaking on the next event, not right
 * after the Nth, lets the Nth reach the socket before it is destroyed.
 */
export function dropAfter(
	body: ReadableStream<Uint8Array>,
	events: number
): ReadableStream<Uint8Array> {
	const reader = body.getReader();
	const text = new TextDecoder();
	let sent = 0;
	return new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				const { done, value } = await reader.read();
				if (done) return controller.close();
				// sseResponse enqueues one event per chunk; comments (heartbeats) and `retry:` carry no data line.
				if (/(^|\n)data:/.test(text.decode(value))) {
					if (sent === events) {
						await reader.cancel('drop-after fault').catch(() => {});
						// Let the headers and the N events reach the socket first: erroring the body
						// destroys the socket, and with no token delay they would still be queued
						// (the client would get no response at all, nothing to resume from).
						await new Promise((resolve) => setTimeout(resolve, DROP_FLUSH_MS));
						controller.error(new Error(`drop-after:${events} fault: connection dropped`));
						return;
					}
					sent++;
				}
				controller.enqueue(value);
			},
			cancel(reason) {
				return reader.cancel(reason);
			}
		},
		{ highWaterMark: 0 }
	);
}
