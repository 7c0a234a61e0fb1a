export * from './facts.js';
export * from './rule-table.js';
export * from './juvenile-court-ages.js';
export * from './compute-deadlines.js';
export * from './rule-titles.js';
