// `StreamError` from `svelte-llm-stream` is both the core error class and the component.
import { render, screen } from '@testing-library/svelte';
import { describe, expect, test } from 'vitest';
import * as core from '../../../src/lib/core/index.js';
import { isStreamError, StreamError } from '../../../src/lib/index.js';

describe('as the error class', () => {
	test('constructs core StreamErrors that instanceof recognises under either name', () => {
		const error = new StreamError('http_status', 'The server answered 503.', { status: 503 });
		expect(error).toBeInstanceOf(core.StreamError);
		expect(error).toBeInstanceOf(StreamError);
		expect(error).toBeInstanceOf(Error);
		expect(new core.StreamError('network', 'x')).toBeInstanceOf(StreamError);
		expect(error).toMatchObject({ name: 'StreamError', code: 'http_status', status: 503 });
		expect(isStreamError(error)).toBe(true);
		expect(new Error('plain')).not.toBeInstanceOf(StreamError);
	});

	test('can be subclassed', () => {
		class QuotaError extends StreamError {
			readonly quota = 'daily';
		}
		const error = new QuotaError('upstream', 'Quota exceeded.');
		expect(error).toBeInstanceOf(QuotaError);
		expect(error).toBeInstanceOf(core.StreamError);
		expect(error.quota).toBe('daily');
		expect(error.code).toBe('upstream');
	});
});

describe('as the component', () => {
	test('renders the partial-error state like StreamErrorView', () => {
		const error = new StreamError('idle_timeout', 'No data for 30 s.');
		render(StreamError, { error });
		expect(screen.getByRole('alert')).toHaveTextContent(/stalled|nothing arrived/i);
		expect(screen.getByRole('alert')).toHaveAttribute('data-llm-error', 'idle_timeout');
	});
});
