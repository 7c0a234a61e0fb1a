export * from './matter.js';
export * from './settings.js';
