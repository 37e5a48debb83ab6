import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const componentsDir = join(import.meta.dirname, '../../../../src/lib/svelte/components');
const typeFiles = readdirSync(componentsDir, { withFileTypes: true })
	.filter((entry) => entry.isDirectory() && !['shared', 'streaming-markdown'].includes(entry.name))
	.map((entry) => join(componentsDir, entry.name, 'types.ts'));

/** Every `XProps` interface: its own members with their TSDoc text and `@default` tag, if any. */
function propsInterfaces() {
	const found: Array<{
		name: string;
		members: Array<{ name: string; doc: string; hasDefault: boolean }>;
	}> = [];
	for (const file of typeFiles) {
		// setParentNodes: the TSDoc helpers walk up from each member.
		const source = ts.createSourceFile(
			file,
			readFileSync(file, 'utf8'),
			ts.ScriptTarget.Latest,
			true
		);
		source.forEachChild((node) => {
			if (!ts.isInterfaceDeclaration(node) || !node.name.text.endsWith('Props')) return;
			const members = node.members.filter(ts.isPropertySignature).map((member) => {
				const docs = ts.getJSDocCommentsAndTags(member);
				const text = docs.map((doc) => doc.getText(source)).join('\n');
				const tags = ts.getJSDocTags(member).map((tag) => tag.tagName.text);
				return {
					name: member.name.getText(source),
					doc: text,
					hasDefault: tags.includes('default')
				};
			});
			found.push({ name: node.name.text, members });
		});
	}
	return found;
}

const interfaces = propsInterfaces();
const componentProps = interfaces.filter((i) =>
	[
		'TypingIndicatorProps',
		'StreamErrorProps',
		'StreamCaretProps',
		'StopButtonProps',
		'StreamViewportProps',
		'ToolCallViewProps',
		'StreamAnnouncerProps',
		'ChatMessageProps',
		'ChatThreadProps'
	].includes(i.name)
);

describe('props documentation', () => {
	test('every component has its XProps interface', () => {
		expect(componentProps.map((i) => i.name).sort()).toEqual([
			'ChatMessageProps',
			'ChatThreadProps',
			'StopButtonProps',
			'StreamAnnouncerProps',
			'StreamCaretProps',
			'StreamErrorProps',
			'StreamViewportProps',
			'ToolCallViewProps',
			'TypingIndicatorProps'
		]);
	});

	test.each(componentProps.map((i) => [i.name, i] as const))(
		'%s: every prop has a description and a @default',
		(_, props) => {
			expect(props.members.length).toBeGreaterThan(2);
			const undocumented = props.members
				.filter(
					(member) => !member.hasDefault || member.doc.replace(/@default.*/s, '').trim().length < 10
				)
				.map((member) => member.name);
			expect(undocumented).toEqual([]);
		}
	);
});
