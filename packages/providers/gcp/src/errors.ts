import { CcxError, type ErrorCode } from '@ccx/core';

interface GcsErrorShape extends Error {
  code?: number | string;
  status?: number;
  response?: { status?: number };
  errors?: { reason?: string }[];
}

function statusOf(error: GcsErrorShape): number | null {
  if (typeof error.code === 'number') return error.code;
  if (typeof error.status === 'number') return error.status;
  if (typeof error.response?.status === 'number') return error.response.status;
  return null;
}

const TRANSIENT_NETWORK = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
]);

function classify(
  status: number | null,
  error: GcsErrorShape,
): { code: ErrorCode; retryable: boolean } {
  switch (status) {
    case 400:
      return { code: 'invalid_input', retryable: false };
    case 401:
      return { code: 'unauthenticated', retryable: false };
    case 403:
      return { code: 'forbidden', retryable: false };
    case 404:
      return { code: 'not_found', retryable: false };
    case 409:
    case 412:
      return { code: 'conflict', retryable: false };
    case 429:
      return { code: 'rate_limited', retryable: true };
    case 408:
    case 500:
    case 502:
    case 503:
    case 504:
      return { code: 'unavailable', retryable: true };
    case null:
    default:
      if (typeof error.code === 'string' && TRANSIENT_NETWORK.has(error.code))
        return { code: 'unavailable', retryable: true };
      return { code: 'provider_error', retryable: false };
  }
}

/**
 * Maps whatever @google-cloud/storage (or gaxios under it) threw to the closed domain error
 * set, keeping the original as `cause` and the HTTP status and GCS reason in `details`.
 * 429 and 5xx are retryable: the client has already retried them, so what reaches here
 * outlasted those retries and the sync engine may try the whole job again later.
 */
export function fromGcsError(error: unknown, what: string): CcxError {
  if (error instanceof CcxError) return error;
  if (!(error instanceof Error))
    return new CcxError('provider_error', `${what}: ${String(error)}`, { cause: error });
  const gcs = error as GcsErrorShape;
  const status = statusOf(gcs);
  const { code, retryable } = classify(status, gcs);
  const firstLine = gcs.message.split('\n')[0]?.slice(0, 300) ?? '';
  return new CcxError(code, `${what}: ${firstLine}`, {
    cause: error,
    retryable,
    details: { httpStatus: status, reason: gcs.errors?.[0]?.reason ?? null },
  });
}
