import { z } from 'zod';

/** Wire shapes of `/api/sync/*`; events mirror the sync engine's `SyncEvent` union. */
export const syncRunStatusSchema = z.enum(['running', 'succeeded', 'partial', 'failed']);

export const syncRunSchema = z.object({
  id: z.string(),
  trigger: z.string(),
  status: syncRunStatusSchema,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()).default({}),
  errors: z
    .array(z.object({ scope: z.string(), type: z.string(), message: z.string() }))
    .default([]),
});
export type SyncRun = z.infer<typeof syncRunSchema>;
export const syncRunListSchema = z.object({ items: z.array(syncRunSchema) });
export const startSyncSchema = z.object({ runId: z.string() });

const countsSchema = z.object({
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  deleted: z.number(),
});

export const syncSummarySchema = z.object({
  runId: z.string(),
  status: z.enum(['succeeded', 'partial', 'failed']),
  jobs: z.object({ total: z.number(), succeeded: z.number(), failed: z.number() }),
  resources: countsSchema.extend({ listed: z.number() }),
  byProvider: z.record(z.string(), z.number()).default({}),
  errors: z
    .array(z.object({ scope: z.string(), type: z.string(), message: z.string() }))
    .default([]),
  durationMs: z.number(),
});
export type SyncSummary = z.infer<typeof syncSummarySchema>;

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
    counts: countsSchema,
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
