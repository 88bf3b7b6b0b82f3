import { z } from 'zod';
import { syncErrorSchema, syncRunSchema } from './common';

export const syncRunListSchema = z
  .object({ items: z.array(syncRunSchema) })
  .meta({ id: 'SyncRunList' });
export const startSyncRequestSchema = z.object({}).strict().meta({ id: 'StartSyncRequest' });
export const startSyncResponseSchema = z
  .object({ runId: z.string() })
  .meta({ id: 'StartSyncResponse' });

const listingCountsSchema = z.object({
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  deleted: z.number(),
});

const metricCountsSchema = z.object({
  series: z.number(),
  points: z.number(),
  failed: z.number(),
});

export const syncSummarySchema = z.object({
  runId: z.string(),
  status: z.enum(['succeeded', 'partial', 'failed']),
  jobs: z.object({ total: z.number(), succeeded: z.number(), failed: z.number() }),
  resources: listingCountsSchema.extend({ listed: z.number() }),
  metrics: metricCountsSchema,
  byProvider: z.record(z.string(), z.number()),
  errors: z.array(syncErrorSchema),
  durationMs: z.number(),
});
export type SyncSummary = z.infer<typeof syncSummarySchema>;

/**
 * The `data` of each server-sent event of `/api/sync/events`: the sync engine's `SyncEvent`
 * union. The stream is not in the OpenAPI document (it is `text/event-stream`), so these
 * schemas carry no component names.
 */
export const syncEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('run.started'),
    runId: z.string(),
    at: z.string(),
    trigger: z.string(),
    jobs: z.number(),
  }),
  z.object({
    type: z.literal('job.started'),
    runId: z.string(),
    jobId: z.string(),
    scope: z.string(),
    resourceType: z.string(),
  }),
  z.object({
    type: z.literal('job.progress'),
    runId: z.string(),
    jobId: z.string(),
    listed: z.number(),
  }),
  z.object({
    type: z.literal('job.retry'),
    runId: z.string(),
    jobId: z.string(),
    attempt: z.number(),
    delayMs: z.number(),
    error: z.string(),
  }),
  z.object({
    type: z.literal('job.completed'),
    runId: z.string(),
    jobId: z.string(),
    scope: z.string(),
    resourceType: z.string(),
    listed: z.number(),
    counts: listingCountsSchema,
    metrics: metricCountsSchema,
  }),
  z.object({
    type: z.literal('job.failed'),
    runId: z.string(),
    jobId: z.string(),
    scope: z.string(),
    resourceType: z.string(),
    error: z.string(),
  }),
  z.object({
    type: z.literal('run.completed'),
    runId: z.string(),
    at: z.string(),
    summary: syncSummarySchema,
  }),
]);
export type SyncEvent = z.infer<typeof syncEventSchema>;
