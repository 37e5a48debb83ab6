export { Streamdown as default } from 'svelte-streamdown';
