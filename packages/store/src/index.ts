export { openStore } from './open-store';
export { findingFingerprint } from './findings/repository';
export { RESOURCE_SORT_FIELDS } from './types';
export type * from './types';
