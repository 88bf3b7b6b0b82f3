import { CcxError, type ErrorCode } from '@ccx/core';
import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import type { SdkError } from '@smithy/types';

const NOT_FOUND =
  /(^|\.)NotFound$|^InvalidInstanceID\.(NotFound|Malformed)$|^NoSuch(Key|Bucket|Version|Upload)$/;
const INVALID = new Set([
  'InvalidRange',
  'InvalidStorageClass',
  'InvalidArgument',
  'InvalidBucketName',
  'KeyTooLongError',
  'EntityTooLarge',
]);
const CONFLICT = new Set([
  'IncorrectInstanceState',
  'IncorrectState',
  'UnsupportedOperation',
  'InvalidObjectState',
  'BucketAlreadyExists',
  'BucketAlreadyOwnedByYou',
  'BucketNotEmpty',
  'PreconditionFailed',
]);
const FORBIDDEN = new Set([
  'UnauthorizedOperation',
  'AuthFailure',
  'AccessDenied',
  'AccessDeniedException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'RequestExpired',
  'OptInRequired',
  'MissingAuthenticationToken',
  'IncompleteSignature',
  'CredentialsProviderError',
]);

interface AwsErrorShape extends Error {
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $retryable?: { throttling?: boolean };
}

function classify(error: AwsErrorShape): { code: ErrorCode; retryable: boolean } {
  const sdkError = error as SdkError;
  if (isThrottlingError(sdkError) || isServerError(sdkError) || isTransientError(sdkError)) {
    return { code: 'unavailable', retryable: true };
  }
  if (NOT_FOUND.test(error.name)) return { code: 'not_found', retryable: false };
  if (CONFLICT.has(error.name)) return { code: 'conflict', retryable: false };
  if (INVALID.has(error.name)) return { code: 'invalid_input', retryable: false };
  const status = error.$metadata?.httpStatusCode;
  if (FORBIDDEN.has(error.name) || status === 401 || status === 403)
    return { code: 'forbidden', retryable: false };
  return { code: 'provider_error', retryable: error.$retryable !== undefined };
}

/**
 * Maps whatever an AWS SDK call threw to the closed domain error set, keeping the original as
 * `cause` and the AWS error code and request id in `details`. `retryable` is true for what the
 * SDK itself would retry (throttling, 5xx, transient network errors, or an error the service
 * model marks `$retryable`), which is what the sync engine's job-level retry reads.
 */
export function fromAwsError(error: unknown, what: string): CcxError {
  if (error instanceof CcxError) return error;
  if (!(error instanceof Error))
    return new CcxError('provider_error', `${what}: ${String(error)}`, { cause: error });
  const aws = error as AwsErrorShape;
  const { code, retryable } = classify(aws);
  return new CcxError(code, `${what}: ${aws.name}: ${aws.message}`, {
    cause: error,
    retryable,
    details: {
      awsCode: aws.name,
      httpStatus: aws.$metadata?.httpStatusCode ?? null,
      requestId: aws.$metadata?.requestId ?? null,
    },
  });
}
