import { error } from '@sveltejs/kit';
import { galleryComponents } from '../fixtures.js';
import type { PageLoad } from './$types.js';

export const load: PageLoad = ({ params }) => {
	const entry = galleryComponents.find((candidate) => candidate.slug === params.component);
	if (!entry) error(404, `The gallery has no component "${params.component}"`);
	return { slug: entry.slug };
};
