export * from './matter.js';
export * from './settings.js';
export * from './fees.js';
