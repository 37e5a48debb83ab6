// Runes helper for bench/store.bench.js, compiled for the client by store-svelte-hooks.js.

/**
 * Runs an effect that reads `read()`, as a component rendering it would, and counts its runs.
 * @param {() => unknown} read
 */
export function watch(read) {
	let runs = 0;
	const stop = $effect.root(() => {
		$effect(() => {
			read();
			runs++;
		});
	});
	return {
		/** Effect runs so far (the first run, on creation, included). */
		get runs() {
			return runs;
		},
		stop
	};
}
