export * from './typing-indicator/index.js';
export * from './stream-error/index.js';
export * from './stream-caret/index.js';
export * from './stop-button/index.js';
export * from './stream-viewport/index.js';
export * from './tool-call-view/index.js';
export * from './stream-announcer/index.js';
