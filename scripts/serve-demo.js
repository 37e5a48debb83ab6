// Serves the built demo (adapter-node output, plus its WebSocket endpoint) on 127.0.0.1 and prints its URL.
import { spawn } from 'node:child_process';

const port = process.env.PORT ?? '4173';
const host = process.env.HOST ?? '127.0.0.1';
const server = spawn(process.execPath, ['scripts/demo-server.js'], {
	env: { ...process.env, PORT: port, HOST: host },
	stdio: ['ignore', 'pipe', 'inherit']
});
server.stdout.on('data', (chunk) => {
	if (String(chunk).includes('Listening')) {
		console.log(`svelte-llm-stream demo running at http://${host}:${port}/ (Ctrl+C to stop)`);
	} else process.stdout.write(chunk);
});
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM']))
	process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
