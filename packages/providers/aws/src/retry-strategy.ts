import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { fullJitterDelay, randomSeed, seededRandom, type RandomSource } from '@ccx/core';

/** First retry waits up to this long; each later one doubles the ceiling. */
export const RETRY_BASE_DELAY_MS = 100;
/** The SDK's own ceiling for a retry delay. */
export const RETRY_MAX_DELAY_MS = 20_000;

/**
 * A per-request retry strategy: the SDK decides what is retryable (throttling, 5xx, transient
 * network errors) and we choose the delay — exponential backoff with full jitter,
 * uniform in [0, min(max, base · 2^(attempt-1))]. A throttled page is retried here, inside the
 * paginator, so a listing continues where it was instead of starting over. One instance per
 * client: the strategy holds the client's retry quota.
 */
export function fullJitterRetryStrategy(
  maxAttempts: number,
  random: RandomSource = seededRandom(randomSeed()),
): ConfiguredRetryStrategy {
  const policy = { baseDelayMs: RETRY_BASE_DELAY_MS, maxDelayMs: RETRY_MAX_DELAY_MS };
  return new ConfiguredRetryStrategy(maxAttempts, (attempt: number) =>
    fullJitterDelay(attempt, policy, random),
  );
}
