/** A body that delivers `chunks` one read at a time, then ends. */
export function bodyOf(chunks: Array<string | Uint8Array>): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	const queue = chunks.map((c) => (typeof c === 'string' ? encoder.encode(c) : c));
	return new ReadableStream<Uint8Array>({
		pull(controller) {
			const next = queue.shift();
			if (next) controller.enqueue(next);
			else controller.close();
		}
	});
}

/** SSE text of `data:` events, one per item (objects are sent as JSON). */
export const sse = (...items: Array<unknown>) =>
	items
		.map((item) => `data: ${typeof item === 'string' ? item : JSON.stringify(item)}\n\n`)
		.join('');
