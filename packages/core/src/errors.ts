/**
 * The closed set of domain errors. Every layer throws one of these (or lets an unknown error
 * become `internal`); the API maps `code` to an HTTP status in exactly one place, and the sync
 * engine reads `retryable` to decide whether to try again.
 */
export const ERROR_CODES = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'unavailable',
  'provider_error',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface CcxErrorOptions {
  cause?: unknown;
  /** Safe to show to the caller: no secrets, no stack traces. */
  details?: Record<string, unknown>;
  retryable?: boolean;
}

export class CcxError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: CcxErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CcxError';
    this.code = code;
    this.details = options.details ?? {};
    this.retryable = options.retryable ?? false;
  }
}

export const invalidInput = (message: string, details?: Record<string, unknown>): CcxError =>
  new CcxError('invalid_input', message, { details });
export const unauthenticated = (message = 'Authentication required'): CcxError =>
  new CcxError('unauthenticated', message);
export const forbidden = (message = 'Your role does not allow this'): CcxError =>
  new CcxError('forbidden', message);
export const notFound = (what: string): CcxError => new CcxError('not_found', `${what} not found`);
export const conflict = (message: string, details?: Record<string, unknown>): CcxError =>
  new CcxError('conflict', message, { details });

export function isCcxError(error: unknown): error is CcxError {
  return error instanceof CcxError;
}

/** Wraps anything thrown into a CcxError, keeping the original as `cause`. */
export function toCcxError(error: unknown): CcxError {
  if (isCcxError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new CcxError('internal', message, { cause: error });
}
