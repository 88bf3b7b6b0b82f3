export { createApi } from './create-api';
export type { Api } from './create-api';
export type { ApiDeps, AuthOptions, OidcOptions } from './deps';
export { hashPassword, verifyPassword } from './auth/password';
export { createLocalUser, publicUser, MIN_PASSWORD_LENGTH } from './auth/users';
export type { PublicUser } from './auth/users';
export { LOG_REDACT_PATHS } from './http/logging';
export { STATUS_BY_CODE } from './http/error-body';
export type { ErrorBody } from './http/error-body';
