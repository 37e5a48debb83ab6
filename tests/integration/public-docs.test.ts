// Every public export, as the packaged type declarations show it to users: a TSDoc description and
// an `@example`, and every runtime export (function, constant, class, component) named in the README.
// Packages src/lib afresh into a temporary folder, so a stale dist/ cannot hide a gap.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const ENTRIES = ['index.d.ts', 'core/index.d.ts', 'server/index.d.ts'];

let out: string;
let checker: ts.TypeChecker;
let program: ts.Program;

beforeAll(() => {
	out = mkdtempSync(join(tmpdir(), 'llm-stream-docs-'));
	const result = spawnSync('node_modules/.bin/svelte-package', ['-o', out], {
		cwd: root,
		encoding: 'utf8'
	});
	expect(result.status, result.stderr).toBe(0);
	program = ts.createProgram(
		ENTRIES.map((entry) => join(out, entry)),
		{
			strict: true,
			skipLibCheck: true,
			noEmit: true,
			module: ts.ModuleKind.ESNext,
			moduleResolution: ts.ModuleResolutionKind.Bundler,
			target: ts.ScriptTarget.ES2022
		}
	);
	checker = program.getTypeChecker();
}, 120_000);

afterAll(() => {
	if (out) rmSync(out, { recursive: true, force: true });
});

interface PublicExport {
	name: string;
	documented: boolean;
	hasExample: boolean;
	isValue: boolean;
}

function exportsOf(entry: string): PublicExport[] {
	const file = program.getSourceFile(join(out, entry));
	const module = file && checker.getSymbolAtLocation(file);
	if (!module) throw new Error(`no module symbol for ${entry}`);
	return checker.getExportsOfModule(module).map((exported) => {
		const symbol =
			exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
		const declarations = symbol.declarations ?? [];
		return {
			name: exported.name,
			documented: symbol.getDocumentationComment(checker).some((part) => part.text.trim()),
			hasExample: declarations.some((declaration) =>
				ts.getJSDocTags(declaration).some((tag) => tag.tagName.text === 'example')
			),
			isValue: (symbol.flags & ts.SymbolFlags.Value) !== 0
		};
	});
}

describe.each(ENTRIES)('%s', (entry) => {
	test('exports something', () => {
		expect(exportsOf(entry).length).toBeGreaterThan(10);
	});

	test('every export has a TSDoc description and an @example', () => {
		const missing = exportsOf(entry)
			.filter((e) => !e.documented || !e.hasExample)
			.map((e) => `${e.name}${e.documented ? '' : ' (no description)'}`);
		expect(missing).toEqual([]);
	});

	test('every runtime export is named in the README', () => {
		const readme = readFileSync(join(root, 'README.md'), 'utf8');
		const missing = exportsOf(entry)
			.filter((e) => e.isValue && !new RegExp(`\\b${e.name}\\b`).test(readme))
			.map((e) => e.name);
		expect(missing).toEqual([]);
	});
});
