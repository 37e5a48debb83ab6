import { render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { describe, expect, test } from 'vitest';
import ToolCallView from '../../../../src/lib/svelte/components/tool-call-view/tool-call-view.svelte';

const call = (argsText: string, complete = false) => ({
	id: 'call_1',
	name: 'get_weather',
	argsText,
	args: undefined,
	complete
});

describe('ToolCallView', () => {
	test('while streaming: name, state and the arguments so far, indented', () => {
		const { container } = render(ToolCallView, { toolCall: call('{"city":"Par') });
		const group = screen.getByRole('group', { name: 'Tool call: get_weather' });
		expect(group).toHaveAttribute('aria-busy', 'true');
		expect(group).toHaveAttribute('data-llm-tool-state', 'streaming');
		expect(group).toHaveTextContent('Writing arguments');
		expect(container.querySelector('[data-llm-tool-args]')!.textContent).toBe('{\n  "city": "Par');
	});

	test('the arguments grow as more JSON arrives', async () => {
		const { container, rerender } = render(ToolCallView, { toolCall: call('{"city":') });
		const args = () => container.querySelector('[data-llm-tool-args]')!.textContent;
		expect(args()).toBe('{\n  "city": ');
		await rerender({ toolCall: call('{"city":"Paris","days":[1,') });
		expect(args()).toBe('{\n  "city": "Paris",\n  "days": [\n    1,');
		await rerender({ toolCall: call('{"city":"Paris","days":[1,2]}', true) });
		expect(args()).toBe('{\n  "city": "Paris",\n  "days": [\n    1,\n    2\n  ]\n}');
		const group = screen.getByRole('group', { name: 'Tool call: get_weather' });
		expect(group).toHaveAttribute('aria-busy', 'false');
		expect(group).toHaveTextContent('Arguments complete');
	});

	test('plain props win over toolCall; parsed args are shown when there is no text', () => {
		const { container } = render(ToolCallView, {
			toolCall: call('{}', true),
			name: 'search',
			argsText: '',
			args: { q: 'runes' },
			state: 'error'
		});
		const group = screen.getByRole('group', { name: 'Tool call: search' });
		expect(group).toHaveAttribute('data-llm-tool-state', 'error');
		expect(group).toHaveTextContent('Failed');
		expect(container.querySelector('[data-llm-tool-args]')!.textContent).toBe(
			'{\n  "q": "runes"\n}'
		);
	});

	test('state labels, argsView=null, children and class', () => {
		const children = createRawSnippet(() => ({ render: () => '<p>18 °C, sunny</p>' }));
		const { container } = render(ToolCallView, {
			toolCall: call('{"city":"Paris"}', true),
			stateLabels: { complete: 'Done' },
			argsView: null,
			children,
			class: 'mine'
		});
		const group = screen.getByRole('group');
		expect(group).toHaveTextContent('Done');
		expect(group).toHaveTextContent('18 °C, sunny');
		expect(group).toHaveClass('mine');
		expect(container.querySelector('[data-llm-tool-args]')).toBeNull();
	});
});
