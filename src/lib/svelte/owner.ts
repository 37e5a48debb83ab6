import { onDestroy } from 'svelte';

/**
 * Runs `cleanup` when the component that is being initialised is destroyed, so a store created in
 * a component's `<script>` ends its request when the component goes away. Outside component
 * initialisation (a module, an event handler, a test) there is no owner and this does nothing: such
 * a store lives until the app stops it.
 */
export function onOwnerDestroy(cleanup: () => void): void {
	try {
		onDestroy(cleanup);
	} catch {
		// No component is being initialised (Svelte throws lifecycle_outside_component in the
		// browser and fails on the missing render context on the server).
	}
}
