import { isCcxError } from '@ccx/core';

/**
 * Whether trying again may succeed. A CcxError says so with `retryable`; an AWS SDK error that
 * escaped a provider carries `$retryable` (present only when the SDK classified it as
 * retryable, e.g. throttling). Anything else is treated as permanent, so an unknown bug fails
 * fast instead of hammering a cloud.
 */
export function isRetryable(error: unknown): boolean {
  if (isCcxError(error)) return error.retryable;
  if (typeof error === 'object' && error !== null && '$retryable' in error) {
    const flag = (error as { $retryable?: unknown }).$retryable;
    return typeof flag === 'object' && flag !== null;
  }
  return false;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
