import { json } from '@sveltejs/kit';
import { FAULT_FORMS, parseFault, type Fault } from './faults.js';

/** Largest request body the mock accepts, in bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant';
	content: string;
}

/** The wire formats the endpoint can answer in. */
export const PROTOCOLS = ['text', 'ai-sdk-ui'] as const;
export type ChatProtocol = (typeof PROTOCOLS)[number];

/** Where answers come from: the built-in mock, or an OpenAI-compatible upstream. */
export const PROVIDERS = ['mock', 'openai'] as const;
export type ChatProvider = (typeof PROVIDERS)[number];

export interface ChatRequest {
	/** The conversation; UI messages (`parts`) are flattened to their text. */
	messages: ChatMessage[];
	/** Per-token delay in milliseconds. @default 30 */
	delayMs: number;
	/** @default { kind: 'none' } */
	fault: Fault;
	/** @default "text" */
	protocol: ChatProtocol;
	/** @default "mock" */
	provider: ChatProvider;
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
	if (origin && !isSameHost(origin, request.url) && FORM_TYPES.test(type)) {
		throw new BadRequest(403, 'cross_site_form', 'Cross-site form submissions are not accepted.');
	}
}

/**
 * Whether `origin` names this server's host and port. The scheme is left out: adapter-node without
 * `ORIGIN` calls every request `https:`, even over plain HTTP, and no other site can serve a
 * different scheme on this very host and port. `Origin: null` (sandboxed frames) is cross-site.
 */
function isSameHost(origin: string, url: string): boolean {
	try {
		return new URL(origin).host === new URL(url).host;
	} catch {
		return false;
	}
}

/**
 * The text of one message: `content` as a string (OpenAI style), or the text parts of a UI message
 * (`parts`, what the AI SDK's `DefaultChatTransport` sends); `undefined` when it is neither.
 */
function messageText(message: Record<string, unknown>): string | undefined {
	if (typeof message.content === 'string') return message.content;
	if (!Array.isArray(message.parts)) return undefined;
	let text = '';
	for (const part of message.parts as unknown[]) {
		if (typeof part !== 'object' || part === null) return undefined;
		const { type, text: partText } = part as Record<string, unknown>;
		if (typeof type !== 'string') return undefined;
		if (type === 'text') {
			if (typeof partText !== 'string') return undefined;
			text += partText;
		}
	}
	return text;
}

function parseMessages(messages: unknown): ChatMessage[] {
	if (!Array.isArray(messages) || messages.length === 0) {
		throw new BadRequest(400, 'invalid_messages', '`messages` must be a non-empty array.');
	}
	return messages.map((message: unknown, index) => {
		const m = message as Record<string, unknown> | null;
		const content = m && typeof m === 'object' ? messageText(m) : undefined;
		if (!m || !ROLES.has(m.role as string) || content === undefined) {
			throw new BadRequest(
				400,
				'invalid_messages',
				`messages[${index}] must be { role: "system" | "user" | "assistant", content: string } or a UI message { role, parts: [{ type: "text", text }] }.`
			);
		}
		return { role: m.role as ChatMessage['role'], content };
	});
}

/** A field from the JSON body, else from the query string, else `undefined`. */
function field(body: Record<string, unknown>, url: URL, name: string): unknown {
	return body[name] ?? url.searchParams.get(name) ?? undefined;
}

function oneOf<T extends string>(
	value: unknown,
	allowed: readonly T[],
	fallback: T,
	name: string
): T {
	if (value === undefined) return fallback;
	if (typeof value !== 'string' || !allowed.includes(value as T)) {
		throw new BadRequest(
			400,
			`invalid_${name}`,
			`\`${name}\` must be one of ${allowed.map((a) => `"${a}"`).join(', ')}; got ${JSON.stringify(value)}.`
		);
	}
	return value as T;
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
	const fields = body as Record<string, unknown>;
	const url = new URL(request.url);
	const messages = parseMessages(fields.messages);

	const rawDelay = field(fields, url, 'delayMs');
	const delayMs = typeof rawDelay === 'string' && rawDelay !== '' ? Number(rawDelay) : rawDelay;
	if (
		delayMs !== undefined &&
		(typeof delayMs !== 'number' || !(delayMs >= 0 && delayMs <= 5000))
	) {
		throw new BadRequest(400, 'invalid_delay', '`delayMs` must be a number from 0 to 5000.');
	}

	const rawFault = field(fields, url, 'fault');
	const fault = rawFault === undefined ? { kind: 'none' as const } : parseFault(String(rawFault));
	if (!fault || (rawFault !== undefined && typeof rawFault !== 'string')) {
		throw new BadRequest(
			400,
			'invalid_fault',
			`\`fault\` must be one of ${FAULT_FORMS.map((f) => `"${f}"`).join(', ')} (N and MS are whole numbers); got ${JSON.stringify(rawFault)}.`
		);
	}
	return {
		messages,
		delayMs: (delayMs as number | undefined) ?? 30,
		fault,
		protocol: oneOf(field(fields, url, 'protocol'), PROTOCOLS, 'text', 'protocol'),
		provider: oneOf(field(fields, url, 'provider'), PROVIDERS, 'mock', 'provider')
	};
}

/**
 * The `Last-Event-ID` a reconnecting client sent: the header, or the `lastEventId` query parameter
 * for clients (like `EventSource` on first connect) that cannot set headers. `null` when absent.
 */
export function lastEventIdOf(request: Request): string | null {
	const value =
		request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId');
	return value === null || value.trim() === '' ? null : value.trim();
}
