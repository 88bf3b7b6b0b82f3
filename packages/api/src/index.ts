export { createApi } from './create-api';
export type { Api } from './create-api';
export type { ApiDeps, AuthOptions, OidcOptions } from './deps';
export { hashPassword, verifyPassword } from './auth/password';
export { createLocalUser, publicUser, MIN_PASSWORD_LENGTH } from './auth/users';
export type { PublicUser } from './auth/users';
export { LOG_REDACT_PATHS } from './http/logging';
export { STATUS_BY_CODE } from './http/error-body';
export type { ErrorBody } from './http/error-body';
export { analyzeBucket } from './storage/analyze-bucket';
export { syncedBuckets, type SyncedBucket } from './storage/bucket-resources';
export { STORAGE_FINDING_KINDS } from './storage/kinds';
export { planAction, allowedActions, type ActionPlan } from './compute/action-plan';
export { executeAction, actionFailure } from './compute/execute-action';
export { containersOf } from './compute/deploy-plan';
export {
  freeDisplacedAddresses,
  type AssociatedAddress,
  type DisplacedAddressFailure,
} from './compute/displaced-address';
export { attributesFromStatus, sizeOf, countsOf, refOf } from './compute/resource-fields';
export { listCompute, MAX_IN_MEMORY_SORT, type ComputeReadDeps } from './compute/list-entries';
export { computeListQuerySchema, type ComputeListQuery } from './contract';
