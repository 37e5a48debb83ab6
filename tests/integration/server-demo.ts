// Starts the built demo (adapter-node, `node build`) for the server tests, from a private copy of
// build/: other engineers rebuild build/ while tests run, and SvelteKit loads route chunks lazily,
// so a server running from the shared folder could load half of another build. The copy is made
// from a fresh build (rebuilt when any file under src/ is newer) and gets its own log of stdout.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
	existsSync,
	mkdtempSync,
	readdirSync,
	rmSync,
	statSync,
	symlinkSync,
	writeFileSync
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const BUILD_LOCK = join(tmpdir(), 'svelte-llm-stream-server-tests.lock');

export interface BuiltDemo {
	url: string;
	/** Everything the server printed so far. */
	output(): string;
	/** The JSON lines the mock logs with MOCK_LLM_LOG=1. */
	generationLog(): Array<{ event: string; streamId: string; sent?: number; aborted?: boolean }>;
	/** Resolves once `predicate` holds for the log, polling; rejects after `timeoutMs`. */
	waitForLog(
		predicate: (log: ReturnType<BuiltDemo['generationLog']>) => boolean,
		timeoutMs?: number
	): Promise<void>;
	stop(): Promise<void>;
}

function newestMtime(dir: string): number {
	let newest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
	}
	return newest;
}

function freshBuildCopy(): string {
	const handler = join(ROOT, 'build/handler.js');
	const stale = !existsSync(handler) || statSync(handler).mtimeMs < newestMtime(join(ROOT, 'src'));
	// Test files run in parallel: one lock, so two of them never build or copy at the same time.
	const locked = (...command: string[]) =>
		spawnSync('flock', [BUILD_LOCK, ...command], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
	if (stale) {
		const result = locked(process.execPath, 'node_modules/vite/bin/vite.js', 'build');
		if (result.status !== 0) throw new Error(`vite build failed:\n${result.stderr}`);
	}
	const dir = mkdtempSync(join(tmpdir(), 'sls-server-test-'));
	const copy = locked('cp', '-r', join(ROOT, 'build'), join(dir, 'build'));
	if (copy.status !== 0) throw new Error(`copying build/ failed:\n${copy.stderr}`);
	// The server chunks import the package's runtime dependencies by name.
	symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
	writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
	if (!existsSync(join(dir, 'build/index.js'))) throw new Error('build/ copy is incomplete');
	return dir;
}

export function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const server = createServer();
		server.once('error', fail);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => done(port));
		});
	});
}

export async function startBuiltDemo(env: Record<string, string> = {}): Promise<BuiltDemo> {
	const dir = freshBuildCopy();
	const port = await freePort();
	const child: ChildProcess = spawn(process.execPath, ['build'], {
		cwd: dir,
		env: { ...process.env, MOCK_LLM_LOG: '1', ...env, PORT: String(port), HOST: '127.0.0.1' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout?.on('data', (chunk) => (output += chunk));
	child.stderr?.on('data', (chunk) => (output += chunk));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 20_000;
	while (!output.includes('Listening')) {
		if (child.exitCode !== null) throw new Error(`node build exited early:\n${output}`);
		if (Date.now() > deadline) {
			child.kill();
			throw new Error(`node build did not start:\n${output}`);
		}
		await new Promise((r) => setTimeout(r, 25));
	}
	const generationLog = () =>
		output
			.split('\n')
			.filter((line) => line.startsWith('{"mockLlm":true'))
			.map((line) => JSON.parse(line));
	return {
		url,
		output: () => output,
		generationLog,
		async waitForLog(predicate, timeoutMs = 10_000) {
			const until = Date.now() + timeoutMs;
			while (!predicate(generationLog())) {
				if (Date.now() > until) throw new Error(`log condition not met; output:\n${output}`);
				await new Promise((r) => setTimeout(r, 20));
			}
		},
		stop: () =>
			new Promise<void>((done) => {
				const clean = () => (rmSync(dir, { recursive: true, force: true }), done());
				if (child.exitCode !== null) return clean();
				child.once('exit', clean);
				child.kill('SIGTERM');
			})
	};
}
