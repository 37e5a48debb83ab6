import type { Protocol, ProtocolId } from '../types.js';
import { textProtocol } from './text.js';

const builtIn: Partial<Record<ProtocolId, Protocol>> = {
	text: textProtocol
};

/**
 * Resolves a protocol id to its implementation; a `Protocol` object passes through.
 *
 * @example
 * ```ts
 * resolveProtocol('text').id; // 'text'
 * ```
 */
export function resolveProtocol(protocol: ProtocolId | Protocol): Protocol {
	if (
		typeof protocol === 'object' &&
		protocol !== null &&
		typeof protocol.createReader === 'function'
	) {
		return protocol;
	}
	const found = typeof protocol === 'string' ? builtIn[protocol] : undefined;
	if (!found) {
		throw new TypeError(
			`Unknown protocol ${JSON.stringify(protocol)}. Use one of ${Object.keys(builtIn)
				.map((id) => `'${id}'`)
				.join(', ')}, or pass an object implementing Protocol.`
		);
	}
	return found;
}

export { textProtocol };
