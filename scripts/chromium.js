// The one place that says which Chromium the tests and benchmarks drive, and how: Debian's build
// (CHROME_PATH overrides; Playwright never downloads a browser here), with the flags that keep it
// off the closed network and working as root in a container.

/** Path of the Chromium executable. */
export const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** Launch flags. */
export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-dev-shm-usage'
];
