import { createContext } from 'svelte';
import type { Chat } from './chat.svelte.js';
import type { TokenStream } from './token-stream.svelte.js';

// Context keys, not state: each component tree holds its own value, so nothing is shared between
// the requests an SSR server renders at the same time.
const [getStream, setStream, hasStream] = createContext<TokenStream>();
const [getChat, setChat, hasChat] = createContext<Chat>();

/**
 * Makes `stream` available to every descendant component; call it during component
 * initialisation. Returns the stream.
 *
 * @example
 * ```svelte
 * <!-- Conversation.svelte -->
 * <script lang="ts">
 *   import { createTokenStream, setTokenStreamContext } from 'svelte-llm-stream';
 *   setTokenStreamContext(createTokenStream({ url: '/api/chat' }));
 * </script>
 * ```
 */
export function setTokenStreamContext(stream: TokenStream): TokenStream {
	if (typeof stream?.subscribe !== 'function' || typeof stream.start !== 'function') {
		throw new TypeError('setTokenStreamContext takes a stream made by createTokenStream().');
	}
	return setStream(stream);
}

/**
 * The stream an ancestor passed to {@link setTokenStreamContext}; call it during component
 * initialisation.
 *
 * @example
 * ```svelte
 * <!-- Answer.svelte, anywhere below Conversation.svelte -->
 * <script lang="ts">
 *   import { getTokenStreamContext } from 'svelte-llm-stream';
 *   const stream = getTokenStreamContext();
 * </script>
 * <p>{stream.text}</p>
 * ```
 */
export function getTokenStreamContext(): TokenStream {
	if (!hasStream()) {
		throw new Error(
			'No TokenStream in context: call setTokenStreamContext(stream) in a parent component first.'
		);
	}
	return getStream();
}

/**
 * Whether an ancestor called {@link setTokenStreamContext}, for components that also work alone.
 *
 * @example
 * ```ts
 * const stream = hasTokenStreamContext() ? getTokenStreamContext() : props.stream;
 * ```
 */
export function hasTokenStreamContext(): boolean {
	return hasStream();
}

/**
 * Makes `chat` available to every descendant component; call it during component
 * initialisation. Returns the chat.
 *
 * @example
 * ```svelte
 * <script lang="ts">
 *   import { createChat, setChatContext } from 'svelte-llm-stream';
 *   setChatContext(createChat({ url: '/api/chat' }));
 * </script>
 * ```
 */
export function setChatContext(chat: Chat): Chat {
	if (typeof chat?.send !== 'function' || !Array.isArray(chat.messages)) {
		throw new TypeError('setChatContext takes a chat made by createChat().');
	}
	return setChat(chat);
}

/**
 * The chat an ancestor passed to {@link setChatContext}; call it during component initialisation.
 *
 * @example
 * ```svelte
 * <script lang="ts">
 *   import { getChatContext } from 'svelte-llm-stream';
 *   const chat = getChatContext();
 * </script>
 * <input bind:value={chat.input} />
 * ```
 */
export function getChatContext(): Chat {
	if (!hasChat()) {
		throw new Error('No Chat in context: call setChatContext(chat) in a parent component first.');
	}
	return getChat();
}

/**
 * Whether an ancestor called {@link setChatContext}.
 *
 * @example
 * ```ts
 * const chat = hasChatContext() ? getChatContext() : createChat({ url: '/api/chat' });
 * ```
 */
export function hasChatContext(): boolean {
	return hasChat();
}
