import { z } from 'zod';

/**
 * Concurrency limits. Every job holds one slot of each of three limits while it runs:
 * the whole run (`maxConcurrentJobs`), its provider (`perProvider`, e.g. `aws`) and its API
 * (`perApi`). An API key is `provider:service:account:region` (for example
 * `aws:ec2:111111111111:us-east-1`) because that is the unit a cloud throttles: AWS request
 * quotas are per account, per region, per service. Overrides are keyed by provider id
 * (`providers.aws`) and by `provider:service` (`apis["aws:ec2"]`).
 */
export const syncLimitsSchema = z.object({
  maxConcurrentJobs: z.number().int().positive().default(16),
  perProvider: z.number().int().positive().default(8),
  perApi: z.number().int().positive().default(2),
  providers: z.record(z.string(), z.number().int().positive()).default({}),
  apis: z.record(z.string(), z.number().int().positive()).default({}),
  /** Resources handed to the sink per `applyBatch` call. */
  batchSize: z.number().int().positive().default(500),
});
export type SyncLimits = z.infer<typeof syncLimitsSchema>;
export type SyncLimitsInput = z.input<typeof syncLimitsSchema>;

/**
 * Job-level retry: a job whose error is retryable is listed again from the start after a
 * full-jitter exponential delay, at most `maxAttempts` times in all. Request-level retries
 * (inside the SDK) come first; this catches what outlasts them.
 */
export const retryPolicySchema = z.object({
  maxAttempts: z.number().int().min(1).max(20).default(4),
  baseDelayMs: z.number().int().min(0).default(500),
  maxDelayMs: z.number().int().min(0).default(30_000),
  /** Seed of the jitter PRNG; unset means seeded from the OS. */
  seed: z.number().int().optional(),
});
export type RetryPolicy = z.infer<typeof retryPolicySchema>;
export type RetryPolicyInput = z.input<typeof retryPolicySchema>;
