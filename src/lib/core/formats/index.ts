import type { Protocol, ProtocolId } from '../types.js';
import { aiSdkUIProtocol } from './ai-sdk-ui.js';
import { anthropicMessagesProtocol } from './anthropic-messages.js';
import { openAIChatProtocol } from './openai-chat.js';
import { textProtocol } from './text.js';

const builtIn: Record<ProtocolId, Protocol> = {
	text: textProtocol,
	'openai-chat': openAIChatProtocol,
	'anthropic-messages': anthropicMessagesProtocol,
	'ai-sdk-ui': aiSdkUIProtocol
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
	const found =
		typeof protocol === 'string' && Object.hasOwn(builtIn, protocol)
			? builtIn[protocol]
			: undefined;
	if (!found) {
		throw new TypeError(
			`Unknown protocol ${JSON.stringify(protocol)}. Use one of ${Object.keys(builtIn)
				.map((id) => `'${id}'`)
				.join(', ')}, or pass an object implementing Protocol.`
		);
	}
	return found;
}

export { aiSdkUIProtocol, anthropicMessagesProtocol, openAIChatProtocol, textProtocol };
