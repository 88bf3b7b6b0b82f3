export * from './model/resource';
export * from './model/scope';
export * from './model/finding';
export * from './model/action';
export * from './model/audit';
export * from './errors';
export type * from './capabilities/inventory';
export type * from './capabilities/compute';
export type * from './capabilities/provider';
