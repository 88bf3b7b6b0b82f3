import { CcxError } from '@ccx/core';
import { fromAzureError } from '../errors';

/** ARM codes that mean the request named something the VM cannot take. */
const INVALID_REQUEST_CODES = new Set([
  'SkuNotAvailable',
  'InvalidParameter',
  'PropertyChangeNotAllowed',
]);

/**
 * ARM and Monitor failures as domain errors: the storage mapping (status decides, 429 and 5xx
 * are retryable, credential failures are `forbidden`), except that a size Azure does not
 * offer is the caller's input (`invalid_input`), not a conflict.
 */
export function fromArmError(error: unknown, what: string): CcxError {
  dropCredentials(error);
  const mapped = fromAzureError(error, what);
  const azureCode = mapped.details.azureCode;
  if (
    typeof azureCode === 'string' &&
    INVALID_REQUEST_CODES.has(azureCode) &&
    mapped.code !== 'invalid_input'
  )
    return new CcxError('invalid_input', mapped.message, {
      cause: mapped.cause,
      details: mapped.details,
    });
  return mapped;
}

/**
 * A RestError keeps the request it failed on, bearer token included; the error is kept as
 * `cause` and may reach a log, so the finished request loses its `authorization` header.
 */
function dropCredentials(error: unknown): void {
  if (typeof error !== 'object' || error === null || !('request' in error)) return;
  const headers = (error as { request?: { headers?: { delete?: unknown } } }).request?.headers;
  if (headers && typeof headers.delete === 'function')
    (headers.delete as (name: string) => void).call(headers, 'authorization');
}
