// `npm run demo` = `vite build && svelte-package && node scripts/serve-demo.js`; this covers the serving half on the
// build the suite already made: it binds 127.0.0.1 on PORT, prints the URL, and serves page and API.
import { spawn } from 'node:child_process';
import { expect, test } from 'vitest';
import WebSocket from 'ws';
import { readLLMStream } from '../../src/lib/core/read-llm-stream.js';
import { websocketStream } from '../../src/lib/core/transport/websocket-stream.js';
import { buildDemoIfMissing, freePort } from '../helpers/demo-server.js';

test('serve-demo prints its URL and serves the chat page, the endpoint and its WebSocket', async () => {
	buildDemoIfMissing();
	const port = await freePort();
	const child = spawn(process.execPath, ['scripts/serve-demo.js'], {
		env: { ...process.env, PORT: String(port) },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	try {
		const url = await new Promise<string>((resolve, reject) => {
			let output = '';
			child.stdout.on('data', (chunk) => {
				output += chunk;
				const match = output.match(/running at (http:\/\/\S+)/);
				if (match) resolve(match[1]);
			});
			child.once('exit', (code) => reject(new Error(`serve-demo exited with ${code}: ${output}`)));
		});
		expect(url).toBe(`http://127.0.0.1:${port}/`);

		const page = await fetch(url);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('svelte-llm-stream');

		const answer = await fetch(`${url}api/chat`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ messages: [{ role: 'user', content: 'echo: ready' }], delayMs: 0 })
		});
		expect(answer.headers.get('content-type')).toMatch(/^text\/event-stream/);
		expect(await answer.text()).toContain('data: ready\n');

		// The same answer over the WebSocket gateway, /api/chat/ws.
		const overSocket = await readLLMStream(
			websocketStream(`${url.replace(/^http/, 'ws')}api/chat/ws`, {
				WebSocket,
				frames: 'sse',
				send: { messages: [{ role: 'user', content: 'echo: ready over a socket' }], delayMs: 0 }
			}),
			{ protocol: 'text' }
		);
		expect(overSocket).toMatchObject({ text: 'ready over a socket', finished: true });
	} finally {
		child.kill('SIGTERM');
	}
});
