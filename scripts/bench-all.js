// `npm run bench [filter]`: packages the kit, then runs every bench/*.bench.js in its own Node process.
// Each benchmark prints its method and its figures side by side with its baseline, as ratios.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const filter = process.argv[2] ?? '';
const pkg = spawnSync(
	'bash',
	['-c', 'node_modules/.bin/svelte-kit sync && node_modules/.bin/svelte-package'],
	{
		stdio: 'inherit'
	}
);
if (pkg.status !== 0) process.exit(pkg.status ?? 1);
const files = readdirSync('bench')
	.filter((f) => f.endsWith('.bench.js') && f.includes(filter))
	.sort();
let failed = 0;
for (const file of files) {
	console.log(`\n=== bench/${file} ===`);
	const result = spawnSync(process.execPath, ['--expose-gc', `bench/${file}`], {
		stdio: 'inherit'
	});
	if (result.status !== 0) failed++;
}
if (files.length === 0) console.log(`No benchmark matches "${filter}".`);
process.exit(failed === 0 ? 0 : 1);
