import { json } from '@sveltejs/kit';

/** Largest request body the mock accepts, in bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant';
	content: string;
}

export interface ChatRequest {
	messages: ChatMessage[];
	/** Per-token delay in milliseconds. */
	delayMs: number;
}

/** A 4xx answer with the JSON shape every client of the demo can rely on. */
export class BadRequest extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string
	) {
		super(message);
	}

	toResponse(headers?: HeadersInit): Response {
		return json(
			{ error: { code: this.code, message: this.message } },
			{ status: this.status, headers }
		);
	}
}

const ROLES = new Set(['system', 'user', 'assistant']);

/** Reads at most `limit` bytes of the body; a larger body is rejected without reading it all. */
async function readLimited(request: Request, limit: number): Promise<string> {
	const declared = Number(request.headers.get('content-length'));
	if (declared > limit) throw tooLarge(limit);
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await drain(reader);
			throw tooLarge(limit);
		}
		chunks.push(value);
	}
	const bytes = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return new TextDecoder().decode(bytes);
}

/**
 * Reads and drops the rest of an oversized body, so the client gets to read the 413 instead of a
 * reset connection; the node adapter's own BODY_SIZE_LIMIT still bounds how much that can be.
 */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>) {
	try {
		while (!(await reader.read()).done);
	} catch {
		// The adapter aborts bodies over its limit; the answer is a 413 either way.
	}
}

const tooLarge = (limit: number) =>
	new BadRequest(413, 'body_too_large', `The request body is larger than ${limit} bytes.`);

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\b/i;

/** A page on another site can post a form without CORS; never let it start a (paid) generation. */
function rejectCrossSiteForm(request: Request) {
	const origin = request.headers.get('origin');
	const type = request.headers.get('content-type') ?? '';
	if (origin && origin !== new URL(request.url).origin && FORM_TYPES.test(type)) {
		throw new BadRequest(403, 'cross_site_form', 'Cross-site form submissions are not accepted.');
	}
}

/** Parses and validates a chat request, throwing {@link BadRequest} for anything malformed. */
export async function parseChatRequest(request: Request): Promise<ChatRequest> {
	rejectCrossSiteForm(request);
	const text = await readLimited(request, MAX_BODY_BYTES);
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		throw new BadRequest(400, 'invalid_json', 'The request body is not valid JSON.');
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw new BadRequest(400, 'invalid_request', 'The request body must be a JSON object.');
	}
	const { messages, delayMs } = body as Record<string, unknown>;
	if (!Array.isArray(messages) || messages.length === 0) {
		throw new BadRequest(400, 'invalid_messages', '`messages` must be a non-empty array.');
	}
	for (const [index, message] of messages.entries()) {
		const m = message as Partial<ChatMessage> | null;
		if (
			!m ||
			typeof m !== 'object' ||
			!ROLES.has(m.role as string) ||
			typeof m.content !== 'string'
		) {
			throw new BadRequest(
				400,
				'invalid_messages',
				`messages[${index}] must be { role: "system" | "user" | "assistant", content: string }.`
			);
		}
	}
	if (
		delayMs !== undefined &&
		(typeof delayMs !== 'number' || !(delayMs >= 0 && delayMs <= 5000))
	) {
		throw new BadRequest(400, 'invalid_delay', '`delayMs` must be a number from 0 to 5000.');
	}
	return { messages: messages as ChatMessage[], delayMs: (delayMs as number | undefined) ?? 30 };
}
