export { openStore } from './open-store';
export { RESOURCE_SORT_FIELDS } from './types';
export type * from './types';
