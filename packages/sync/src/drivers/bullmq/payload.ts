import { providerIdSchema } from '@ccx/core';
import { z } from 'zod';
import { retryPolicySchema } from '../../options';

export const syncJobSchema = z.object({
  id: z.string().min(1),
  runId: z.string().min(1),
  connection: z.string().min(1),
  provider: providerIdSchema,
  account: z.string().min(1),
  region: z.string().min(1),
  capability: z.literal('inventory'),
  type: z.string().min(1),
});

/**
 * What goes on the queue: the job as plain data plus the coordinator's policy for it, so every
 * worker retries and batches the same way whatever its own defaults. Workers parse it before
 * touching anything: a queue is an edge, and another version may have written to it.
 */
export const jobPayloadSchema = z.object({
  job: syncJobSchema,
  retry: retryPolicySchema,
  batchSize: z.number().int().positive(),
});
export type JobPayload = z.infer<typeof jobPayloadSchema>;

/** The BullMQ job name of an inventory listing. */
export const INVENTORY_JOB = 'inventory';

/** BullMQ uses `:` to build Redis keys, so a queue name must not contain one. */
export const queueNameSchema = z
  .string()
  .min(1)
  .regex(/^[^:]+$/, 'a queue name cannot contain ":"');

export const redisUrlSchema = z
  .string()
  .regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL');
