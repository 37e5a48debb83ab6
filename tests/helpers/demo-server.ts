// Starts the built demo (`node build`, adapter-node) on a free 127.0.0.1 port for integration tests.
// Builds it first when build/ is missing, so `npx vitest run --project integration` works on its own.
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
	if (existsSync('build/index.js')) return;
	const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
		stdio: 'inherit'
	});
	if (result.status !== 0) throw new Error('vite build failed; the demo server cannot start');
}

/** Starts `node build` and resolves once it answers HTTP. */
export async function startDemoServer(env: Record<string, string> = {}): Promise<DemoServer> {
	buildDemoIfMissing();
	const port = await freePort();
	const child: ChildProcess = spawn(process.execPath, ['build'], {
		env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout?.on('data', (chunk) => (output += chunk));
	child.stderr?.on('data', (chunk) => (output += chunk));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 15_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`node build exited early:\n${output}`);
		try {
			await fetch(url, { method: 'HEAD' });
			break;
		} catch {
			if (Date.now() > deadline) {
				child.kill();
				throw new Error(`node build did not answer on ${url}:\n${output}`);
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
