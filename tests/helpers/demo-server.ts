// Starts the built demo (adapter-node's handler with its WebSocket endpoint, scripts/demo-server.js)
// on a free 127.0.0.1 port. Builds the demo (and the package the endpoint imports) first when
// missing, so `npx vitest run --project integration` works on its own.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export interface DemoServer {
	url: string;
	/** Everything the server printed so far (stdout and stderr). */
	output(): string;
	stop(): Promise<void>;
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

export function buildDemoIfMissing(): void {
	if (!existsSync('dist/server/index.js')) {
		const result = spawnSync('node_modules/.bin/svelte-package', { stdio: 'inherit' });
		if (result.status !== 0) throw new Error('svelte-package failed; the demo server cannot start');
	}
	if (existsSync('build/index.js')) return;
	const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
		stdio: 'inherit'
	});
	if (result.status !== 0) throw new Error('vite build failed; the demo server cannot start');
}

/** Starts scripts/demo-server.js and resolves once it answers HTTP. */
export async function startDemoServer(env: Record<string, string> = {}): Promise<DemoServer> {
	buildDemoIfMissing();
	const port = await freePort();
	const child: ChildProcess = spawn(process.execPath, ['scripts/demo-server.js'], {
		env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout?.on('data', (chunk) => (output += chunk));
	child.stderr?.on('data', (chunk) => (output += chunk));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 15_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`scripts/demo-server.js exited early:\n${output}`);
		try {
			await fetch(url, { method: 'HEAD' });
			break;
		} catch {
			if (Date.now() > deadline) {
				child.kill();
				throw new Error(`scripts/demo-server.js did not answer on ${url}:\n${output}`);
			}
			await new Promise((r) => setTimeout(r, 50));
		}
	}
	return {
		url,
		output: () => output,
		stop: () =>
			new Promise<void>((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			})
	};
}
