// Reads a raw HTTP response with node:http (no fetch, no decoder of the kit), recording when each
// chunk arrived, so tests can see what the server wrote and when.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { createSSEDecoder, type SSEEvent } from '../../src/lib/core/index.js';

export interface RawChunk {
	at: number;
	text: string;
}

export interface RawResponse {
	status: number;
	headers: IncomingMessage['headers'];
	chunks: RawChunk[];
	body: string;
}

export function rawRequest(
	url: string,
	options: { method?: string; headers?: Record<string, string>; body?: string } = {},
	onChunk?: (chunk: RawChunk, response: IncomingMessage) => void
): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			url,
			{ method: options.method ?? 'GET', headers: options.headers },
			(res) => {
				const chunks: RawChunk[] = [];
				res.setEncoding('utf8');
				res.on('data', (text: string) => {
					const chunk = { at: performance.now(), text };
					chunks.push(chunk);
					onChunk?.(chunk, res);
				});
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						chunks,
						body: chunks.map((c) => c.text).join('')
					})
				);
				res.on('error', reject);
			}
		);
		req.on('error', reject);
		if (options.body !== undefined) req.write(options.body);
		req.end();
	});
}

/** Every event in a whole SSE body, decoded with the kit's spec decoder. */
export function decodeSSE(body: string): SSEEvent[] {
	const events: SSEEvent[] = [];
	const decoder = createSSEDecoder({ onEvent: (event) => events.push(event) });
	decoder.push(body);
	decoder.end();
	return events;
}
