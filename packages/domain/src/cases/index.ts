export * from './stages.js';
export * from './settings.js';
export * from './assessment.js';
export * from './contact-rule.js';
