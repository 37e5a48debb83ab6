/**
 * Throws a TypeError naming where and which option, unless `value` is unset or a positive number.
 * One wording for every size and time limit of the transport, so callers can match on it.
 */
function checkPositive(value: unknown, option: string, unit: string, where: string): void {
	if (value !== undefined && !(typeof value === 'number' && value > 0)) {
		throw new TypeError(
			`${where}: \`${option}\` must be a positive number (${unit}), got ${String(value)}.`
		);
	}
}

/** The default `maxEventBytes`: 1 MiB. */
export const DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;

/** Checks a `maxEventBytes` option given to `where`. */
export const checkMaxEventBytes = (value: unknown, where: string): void =>
	checkPositive(value, 'maxEventBytes', 'UTF-16 code units', where);

/** Checks an `idleTimeoutMs` option given to `where`. */
export const checkIdleTimeout = (value: unknown, where: string): void =>
	checkPositive(value, 'idleTimeoutMs', 'milliseconds', where);
