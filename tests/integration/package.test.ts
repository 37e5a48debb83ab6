// The packaged output (dist/, what npm publishes) as a plain Node consumer sees it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

beforeAll(() => {
	if (existsSync(join(root, 'dist/index.js'))) return;
	const result = spawnSync(
		'bash',
		['-c', 'node_modules/.bin/svelte-kit sync && node_modules/.bin/svelte-package'],
		{
			cwd: root,
			stdio: 'inherit'
		}
	);
	expect(result.status).toBe(0);
}, 120_000);

/** Every module specifier reachable from `entry` through relative imports, and the files visited. */
function importGraph(entry: string) {
	const bare = new Set<string>();
	const seen = new Set<string>();
	const visit = (file: string) => {
		if (seen.has(file)) return;
		seen.add(file);
		const source = readFileSync(file, 'utf8');
		const specifiers = [
			...source.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]/g),
			...source.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)
		].map((match) => match[1]);
		for (const specifier of specifiers) {
			if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
			else bare.add(specifier);
		}
	};
	visit(join(root, entry));
	return { bare, files: seen };
}

describe('dist/core and dist/server are framework-free', () => {
	test.each(['dist/core/index.js', 'dist/server/index.js'])(
		'%s never imports svelte or $app',
		(entry) => {
			const { bare, files } = importGraph(entry);
			expect(files.size).toBeGreaterThan(1);
			const forbidden = [...bare].filter((s) =>
				/^(svelte|\$app|\$lib|@sveltejs\/kit)(\/|$)/.test(s)
			);
			expect(forbidden).toEqual([]);
			for (const file of files) expect(file).not.toMatch(/\.svelte(\.js)?$/);
		}
	);

	test('plain Node imports both entries and runs them', () => {
		const script = `
			const core = await import(${JSON.stringify(join(root, 'dist/core/index.js'))});
			const server = await import(${JSON.stringify(join(root, 'dist/server/index.js'))});
			const events = [];
			const decoder = core.createSSEDecoder({ onEvent: (e) => events.push(e) });
			decoder.push(server.encodeSSE({ id: '7', data: ' a\\nb' }));
			console.log(JSON.stringify({ events, lastEventId: decoder.lastEventId, svelteLoaded: Object.keys(globalThis).some((k) => k.startsWith('__svelte')) }));
		`;
		const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
			cwd: '/',
			encoding: 'utf8'
		});
		expect(JSON.parse(output)).toEqual({
			events: [{ event: 'message', data: ' a\nb', id: '7' }],
			lastEventId: '7',
			svelteLoaded: false
		});
	});
});

test('the packed tarball holds the three entries and no tests, stories or fixtures', () => {
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8'
	});
	const files: string[] = JSON.parse(output)[0].files.map((f: { path: string }) => f.path);
	for (const entry of [
		'dist/index.js',
		'dist/core/index.js',
		'dist/server/index.js',
		'package.json',
		'README.md'
	]) {
		expect(files).toContain(entry);
	}
	const leaked = files.filter((f) =>
		/(\.test\.|\.spec\.|\.stories\.|(^|\/)fixtures?\/|(^|\/)tests?\/)/.test(f)
	);
	expect(leaked).toEqual([]);
	const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
	expect(Object.keys(pkg.exports)).toEqual(['.', './core', './server']);
});
