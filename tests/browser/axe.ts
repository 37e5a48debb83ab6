import axe from 'axe-core';

/**
 * axe-core violations inside `context`, as `rule: targets` lines: WCAG 2.2 A/AA plus axe best
 * practices. `region` is left out: it asks that a whole *page* sit in landmarks, and these scans
 * look at one component.
 */
export async function axeViolations(context: Element): Promise<string[]> {
	const result = await axe.run(context, {
		runOnly: {
			type: 'tag',
			values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']
		},
		rules: { region: { enabled: false } },
		resultTypes: ['violations']
	});
	return result.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
}
