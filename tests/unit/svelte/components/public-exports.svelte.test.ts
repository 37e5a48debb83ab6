import { describe, expect, test } from 'vitest';
import * as api from '../../../../src/lib/index.js';

describe('svelte-llm-stream exports the state components', () => {
	test.each([
		'TypingIndicator',
		'StreamErrorView',
		'StreamCaret',
		'StopButton',
		'StreamViewport',
		'ToolCallView',
		'StreamAnnouncer',
		'ChatMessage',
		'ChatThread'
	] as const)('%s is a component', (name) => {
		expect(typeof api[name]).toBe('function');
	});

	test('`StreamError` is the error class and the component; `StreamErrorView` is the component', () => {
		const error = new api.StreamError('network', 'x');
		expect(error).toBeInstanceOf(Error);
		expect(error.code).toBe('network');
		expect(typeof api.StreamErrorView).toBe('function');
	});

	test('helpers behind the components are exported too', () => {
		expect(api.describeStreamError(new api.StreamError('idle_timeout', 'x'))).toBe(
			'The answer stalled: nothing arrived for too long.'
		);
		expect(api.isResumable(new api.StreamError('network', 'x'))).toBe(true);
		expect(api.prettyPartialJSON('{"a":')).toBe('{\n  "a": ');
	});
});
