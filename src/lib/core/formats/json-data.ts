import { StreamError } from '../errors.js';

const EXCERPT_LENGTH = 120;

/** The start of `text`, short enough for an error message. */
export function excerpt(text: string): string {
	return text.length <= EXCERPT_LENGTH ? text : `${text.slice(0, EXCERPT_LENGTH)}…`;
}

/**
 * Parses one event's JSON payload; malformed JSON, or JSON that is not an object, is a `protocol`
 * error quoting the start of the data, so a caller can see what the server actually sent.
 */
export function parseEventJSON(data: string, protocolId: string): Record<string, unknown> {
	let value: unknown;
	try {
		value = JSON.parse(data);
	} catch (cause) {
		throw new StreamError('protocol', `Malformed ${protocolId} JSON: ${excerpt(data)}`, { cause });
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new StreamError(
			'protocol',
			`Expected a JSON object in ${protocolId} data: ${excerpt(data)}`
		);
	}
	return value as Record<string, unknown>;
}

/**
 * Parses the data of an `event: error`. One whose data is not a JSON object (a proxy's plain-text
 * message, say) is still the server reporting an error: an `upstream` error quoting it.
 */
export function parseErrorEventJSON(
	data: string,
	protocolId: string,
	fallback: string
): Record<string, unknown> {
	try {
		return parseEventJSON(data, protocolId);
	} catch {
		throw new StreamError('upstream', data.trim() === '' ? fallback : excerpt(data));
	}
}

/** `value` if it is a string, else `undefined`. */
export const asString = (value: unknown): string | undefined =>
	typeof value === 'string' ? value : undefined;

/** `value` if it is a plain object, else `undefined`. */
export const asObject = (value: unknown): Record<string, unknown> | undefined =>
	typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;

/**
 * The message of a provider's error payload: `{ error: { message } }`, `{ error: "text" }` or
 * `{ message }`, falling back to `fallback`.
 */
export function errorMessage(payload: unknown, fallback: string): string {
	const object = asObject(payload);
	if (!object) return typeof payload === 'string' && payload !== '' ? payload : fallback;
	const inner = object.error;
	if (typeof inner === 'string' && inner !== '') return inner;
	const nested = asObject(inner);
	const message = asString(nested?.message) ?? asString(object.message);
	return message !== undefined && message !== '' ? message : fallback;
}
