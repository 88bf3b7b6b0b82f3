import { ERROR_CODES } from '@ccx/core';
import { z } from 'zod';

/** The server's closed error set: the domain errors of core, so the UI branches on the same codes. */
export const SERVER_ERROR_CODES = ERROR_CODES;
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];

/**
 * What can go wrong on a call: one of the server's codes, or one of two that only the client
 * can see — the request never got an answer (`network`), or the answer did not have the shape
 * the API document promises (`bad_response`).
 */
export type ApiErrorCode = ServerErrorCode | 'network' | 'bad_response';

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  /** HTTP status, or 0 when there was no response. */
  readonly status: number;
  readonly details: Record<string, unknown>;

  constructor(
    code: ApiErrorCode,
    message: string,
    options: { status: number; details?: Record<string, unknown>; cause?: unknown },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ApiError';
    this.code = code;
    this.status = options.status;
    this.details = options.details ?? {};
  }
}

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(SERVER_ERROR_CODES),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** Status → code for answers that lack the JSON error body (a proxy's 502, say). */
export function codeForStatus(status: number): ServerErrorCode {
  switch (status) {
    case 400:
      return 'invalid_input';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 429:
      return 'rate_limited';
    case 502:
      return 'provider_error';
    case 503:
      return 'unavailable';
    default:
      return 'internal';
  }
}

export function isApiError(error: unknown, code?: ApiErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** A sentence for the screen; never includes anything the server did not already say. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
