export { default as StreamAnnouncer } from './stream-announcer.svelte';
export type { StreamAnnouncements, StreamAnnouncerProps, StreamAnnouncerSource } from './types.js';
