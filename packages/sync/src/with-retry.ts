import { fullJitterDelay, type RandomSource } from '@ccx/core';
import { sleep } from './backoff';
import type { RetryPolicy } from './options';
import { errorMessage, isRetryable } from './retryable';

export interface RetryNotice {
  attempt: number;
  delayMs: number;
  error: string;
}

/**
 * Calls `fn` until it succeeds, retrying only errors that say they are retryable, at most
 * `policy.maxAttempts` calls in all, sleeping a full-jitter exponential delay in between.
 * The last error (or the first non-retryable one) is rethrown unchanged, cause and all.
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  random: RandomSource,
  options: { signal?: AbortSignal; onRetry?: (notice: RetryNotice) => void } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (options.signal?.aborted || !isRetryable(error) || attempt >= policy.maxAttempts)
        throw error;
      const delayMs = fullJitterDelay(attempt, policy, random);
      options.onRetry?.({ attempt, delayMs, error: errorMessage(error) });
      await sleep(delayMs, options.signal);
    }
  }
}
