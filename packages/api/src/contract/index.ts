/**
 * The HTTP API's wire schemas, shared by the routes (which validate and document with them)
 * and the web app (which parses answers with them). Imports nothing but zod and `@ccx/core`,
 * so a browser bundle can take it without pulling in the server.
 */
export * from './audit';
export * from './auth';
export * from './common';
export * from './compute';
export * from './compute-actions';
export * from './compute-detail';
export * from './compute-list-query';
export * from './operations';
export * from './resources';
export * from './status';
export * from './storage';
export * from './storage-views';
export * from './sync';
export * from './tokens';
export * from './users';
