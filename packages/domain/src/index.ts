export * from './roles.js';
export * from './permissions.js';
export * from './errors.js';
export * from './schemas/common.js';
export * from './schemas/session.js';
export * from './schemas/organization.js';
export * from './schemas/audit.js';
export * from './schemas/client.js';
