import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = join(import.meta.dirname, '../../../..');
const componentsDir = join(root, 'src/lib/svelte/components');
// streaming-markdown belongs to the markdown work and has its own styling.
const folders = readdirSync(componentsDir, { withFileTypes: true })
	.filter((entry) => entry.isDirectory() && entry.name !== 'streaming-markdown')
	.map((entry) => entry.name);
const files = folders.flatMap((folder) =>
	readdirSync(join(componentsDir, folder))
		.filter((name) => name.endsWith('.svelte'))
		.map((name) => ({
			name: `${folder}/${name}`,
			source: readFileSync(join(componentsDir, folder, name), 'utf8')
		}))
);
const styleOf = (source: string) => /<style>([\s\S]*)<\/style>/.exec(source)?.[1] ?? '';

/** Every `var(--llm-name, default)` in a stylesheet, with the default read up to its balanced `)`. */
function tokens(css: string): Array<[string, string]> {
	const found: Array<[string, string]> = [];
	for (const match of css.matchAll(/var\((--llm-[a-z0-9-]+),\s*/g)) {
		let depth = 1;
		let end = match.index + match[0].length;
		while (depth > 0) {
			if (css[end] === '(') depth++;
			else if (css[end] === ')') depth--;
			end++;
		}
		found.push([match[1], css.slice(match.index + match[0].length, end - 1).trim()]);
	}
	return found;
}

/** What the README's light and dark columns should say for a default. */
function columns(fallback: string): [string, string] {
	const pair = /^light-dark\(([^,]+),\s*([^)]+)\)$/.exec(fallback);
	if (pair) return [pair[1].trim(), pair[2].trim()];
	const nested = /^var\((--llm-[a-z0-9-]+),/.exec(fallback);
	if (nested) return [nested[1], nested[1]];
	return [fallback, fallback];
}

const defaults = new Map<string, Set<string>>();
for (const file of files) {
	for (const [name, fallback] of tokens(styleOf(file.source))) {
		if (!defaults.has(name)) defaults.set(name, new Set());
		defaults.get(name)!.add(fallback);
	}
}

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = readme.slice(
	readme.indexOf('## API: components'),
	readme.indexOf('\n## ', readme.indexOf('## API: components') + 1)
);
const rows = new Map(
	[
		...section.matchAll(/^\| `(--llm-[a-z0-9-]+)`\s*\|[^|]*\|\s*`([^`]+)`\s*\|\s*`([^`]+)`\s*\|$/gm)
	].map((row) => [row[1], [row[2], row[3]] as [string, string]])
);

describe('theme custom properties', () => {
	test('the components use a dozen or more --llm-* properties', () => {
		expect(defaults.size).toBeGreaterThanOrEqual(12);
	});

	test('each property has one default across all components', () => {
		const inconsistent = [...defaults]
			.filter(([, values]) => values.size > 1)
			.map(([name]) => name);
		expect(inconsistent).toEqual([]);
	});

	test('the README table lists exactly the properties in use, with their light and dark defaults', () => {
		expect([...rows.keys()].sort()).toEqual([...defaults.keys()].sort());
		for (const [name, values] of defaults) {
			expect(rows.get(name), name).toEqual(columns([...values][0]));
		}
	});

	test.each(
		files
			.filter((file) => styleOf(file.source).includes('light-dark('))
			.map((f) => [f.name, f.source])
	)('%s follows the colour scheme and honours data-llm-theme both ways', (_, source) => {
		const css = styleOf(source);
		expect(css).toMatch(/color-scheme: light dark;/);
		expect(css).toMatch(/:global\(\[data-llm-theme='light'\]\) \.[\w-]+ \{\s*color-scheme: light;/);
		expect(css).toMatch(/:global\(\[data-llm-theme='dark'\]\) \.[\w-]+ \{\s*color-scheme: dark;/);
	});

	test.each(
		files
			.filter((file) => /animation:\s*[^n]/.test(styleOf(file.source)))
			.map((f) => [f.name, f.source])
	)('%s turns its animation off under prefers-reduced-motion', (_, source) => {
		expect(styleOf(source)).toMatch(
			/@media \(prefers-reduced-motion: reduce\) \{[^}]*animation: none;/
		);
	});
});
