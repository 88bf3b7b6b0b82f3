import { CcxError } from '@ccx/core';
import { fromAwsError } from '../errors';

/** ECS's own error codes, which the shared AWS mapping does not know. */
const ECS_CODES: Readonly<
  Record<string, 'not_found' | 'conflict' | 'invalid_input' | 'forbidden'>
> = {
  ClusterNotFoundException: 'not_found',
  ServiceNotFoundException: 'not_found',
  ServiceNotActiveException: 'conflict',
  InvalidParameterException: 'invalid_input',
  ClientException: 'invalid_input',
  UnrecognizedClientException: 'forbidden',
  InvalidSignatureException: 'forbidden',
  ExpiredTokenException: 'forbidden',
};

/**
 * Maps an ECS SDK error to the domain set: ECS's codes first, then the shared AWS rules
 * (throttling and 5xx stay retryable). The AWS code and request id are kept in `details`.
 */
export function fromEcsError(error: unknown, what: string): CcxError {
  const mapped = fromAwsError(error, what);
  const code = error instanceof Error ? ECS_CODES[error.name] : undefined;
  if (!code || mapped.retryable) return mapped;
  return new CcxError(code, mapped.message, {
    cause: error,
    details: mapped.details,
    retryable: false,
  });
}
