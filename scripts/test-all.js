// `npm test`: every check and test runner of the kit, in order, then one totals line.
// A static check counts as one test; vitest and Playwright report their own counts (JSON reporters).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const RESULTS = 'test-results';
/** @param {string} name */
const bin = (name) => `node_modules/.bin/${name}`;
const totals = { passed: 0, failed: 0 };
/** @type {string[]} */
const summary = [];

/**
 * @param {string} name
 * @param {string} command a shell command
 * @param {{ env?: Record<string, string>, report?: string, count?: (report: any) => { passed: number, failed: number } }} [options]
 */
function step(name, command, options = {}) {
	const started = Date.now();
	console.log(`\n▶ ${name}: ${command}`);
	if (options.report) rmSync(options.report, { force: true });
	const result = spawnSync('bash', ['-c', command], {
		stdio: 'inherit',
		env: { ...process.env, ...options.env }
	});
	const ok = result.status === 0;
	let counts = { passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
	if (options.report && options.count && existsSync(options.report)) {
		const counted = options.count(JSON.parse(readFileSync(options.report, 'utf8')));
		// A runner that exits non-zero with nothing failed (config error, crash) still counts one failure.
		counts = { passed: counted.passed, failed: counted.failed || (ok ? 0 : 1) };
	}
	totals.passed += counts.passed;
	totals.failed += counts.failed;
	summary.push(
		`${ok ? '✔' : '✘'} ${name}: ${counts.passed} passed, ${counts.failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`
	);
	return ok;
}

mkdirSync(RESULTS, { recursive: true });
rmSync(`${RESULTS}/.totals-printed`, { force: true });
step(
	'svelte-check',
	`${bin('svelte-kit')} sync && ${bin('svelte-check')} --tsconfig ./tsconfig.json --fail-on-warnings`
);
step('prettier', `${bin('prettier')} --check .`);
step('eslint', `${bin('eslint')} .`);
step('package (svelte-package + publint)', `${bin('svelte-package')} && ${bin('publint')}`);
step('build demo (vite build)', `${bin('vite')} build`);
step(
	'vitest',
	`${bin('vitest')} run --reporter=default --reporter=json --outputFile.json=${RESULTS}/vitest.json`,
	{
		report: `${RESULTS}/vitest.json`,
		count: (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests })
	}
);
step('playwright', `${bin('playwright')} test`, {
	report: `${RESULTS}/playwright.json`,
	count: (r) => ({ passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected })
});

console.log(`\n${summary.join('\n')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
// Tells .ci/run that the totals line is out, so it does not print one of its own.
writeFileSync(`${RESULTS}/.totals-printed`, '');
process.exit(totals.failed === 0 ? 0 : 1);
