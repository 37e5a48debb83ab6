import { env } from '$env/dynamic/private';
import type { PageServerLoad } from './$types.js';

// The page offers the real provider only when the server can reach one; the key never leaves it.
export const load: PageServerLoad = () => ({ openaiAvailable: Boolean(env.OPENAI_API_KEY) });
