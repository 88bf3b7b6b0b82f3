import { actionNameSchema, type ActionName } from '@ccx/core';
import { z } from 'zod';

/**
 * Wire shapes of `/api/compute*` and `/api/operations/*` (docs/api.md). Fields the pages do
 * not rely on are optional or loose, so a newer server adding detail does not break them.
 */

/**
 * What the caller may run now. Names this client does not know are dropped rather than
 * rejected: a newer server with more actions must not break the page.
 */
const knownActionsSchema = z
  .array(z.string())
  .default([])
  .transform((names) =>
    names.filter((name): name is ActionName => actionNameSchema.safeParse(name).success),
  );

/** Points ascending by time (epoch seconds); a gap is simply a missing point. */
const seriesPointsSchema = z.object({
  timestamps: z.array(z.number()),
  values: z.array(z.number()),
});

export const sparklineSchema = seriesPointsSchema.extend({
  metric: z.string(),
  periodSeconds: z.number().int().positive(),
});
export type Sparkline = z.infer<typeof sparklineSchema>;

export const computeEntrySchema = z.object({
  uid: z.string(),
  uri: z.string(),
  provider: z.string(),
  account: z.string(),
  /** The alias the connection gives the account, when the server sends it. */
  accountAlias: z.string().nullable().optional(),
  region: z.string(),
  type: z.string(),
  id: z.string(),
  name: z.string().nullable(),
  state: z.string().nullable(),
  size: z.string().nullable(),
  desiredCount: z.number().int().nullable(),
  runningCount: z.number().int().nullable(),
  tags: z.record(z.string(), z.string()),
  sparkline: sparklineSchema.nullable(),
  findings: z.object({ count: z.number().int(), monthlySaving: z.number().nullable() }),
  actions: knownActionsSchema,
});
export type ComputeEntry = z.infer<typeof computeEntrySchema>;

const facetValuesSchema = z.array(z.object({ value: z.string(), count: z.number() })).default([]);
export const COMPUTE_FACET_FIELDS = ['type', 'provider', 'state', 'region'] as const;
export type ComputeFacetField = (typeof COMPUTE_FACET_FIELDS)[number];

export const computeFacetsSchema = z.object({
  type: facetValuesSchema,
  provider: facetValuesSchema,
  state: facetValuesSchema,
  region: facetValuesSchema,
});
export type ComputeFacets = z.infer<typeof computeFacetsSchema>;

export const computePageSchema = z.object({
  items: z.array(computeEntrySchema),
  total: z.number().int().nonnegative(),
  page: z.number().int().positive(),
  pageSize: z.number().int().positive(),
  facets: computeFacetsSchema,
});
export type ComputePage = z.infer<typeof computePageSchema>;

export const moneySchema = z.object({ amount: z.number(), currency: z.string() });
export type Money = z.infer<typeof moneySchema>;

export const computeFindingSchema = z.object({
  kind: z.string(),
  subject: z.string().nullable().optional(),
  severity: z.string(),
  title: z.string(),
  evidence: z.record(z.string(), z.unknown()).default({}),
  estimatedMonthlyImpact: moneySchema.nullable(),
  detectedAt: z.string(),
});
export type ComputeFinding = z.infer<typeof computeFindingSchema>;

export const sizeChoiceSchema = z.object({
  name: z.string(),
  vcpu: z.number(),
  memoryGiB: z.number(),
  hourlyPrice: z.number().nullable(),
});
export type SizeChoice = z.infer<typeof sizeChoiceSchema>;

export const relatedResourceSchema = z.object({
  uid: z.string(),
  type: z.string(),
  id: z.string(),
  name: z.string().nullable(),
  state: z.string().nullable(),
});
export type RelatedResource = z.infer<typeof relatedResourceSchema>;

/** One task of an ECS service, from the inventory. */
export const serviceTaskSchema = z.object({
  uid: z.string(),
  id: z.string(),
  state: z.string().nullable(),
  taskDefinition: z.string().nullable(),
  revision: z.number().nullable(),
  current: z.boolean(),
  healthStatus: z.string().nullable(),
  availabilityZone: z.string().nullable().optional(),
  privateIp: z.string().nullable().optional(),
  startedAt: z.string().nullable(),
  stoppedAt: z.string().nullable(),
  stopCode: z.string().nullable().optional(),
  stoppedReason: z.string().nullable().optional(),
});
export type ServiceTask = z.infer<typeof serviceTaskSchema>;

export const computeDetailSchema = z.object({
  entry: computeEntrySchema,
  attributes: z.record(z.string(), z.unknown()).default({}),
  findings: z.array(computeFindingSchema).default([]),
  sizes: z.array(sizeChoiceSchema).default([]),
  related: z.array(relatedResourceSchema).default([]),
  /** An ECS service's tasks, live then stopped; the server sends it (empty) for any resource. */
  tasks: z.array(serviceTaskSchema).default([]),
});
export type ComputeDetail = z.infer<typeof computeDetailSchema>;

export const metricSeriesSchema = seriesPointsSchema.extend({
  metric: z.string(),
  label: z.string(),
  unit: z.string(),
});
export type MetricSeriesView = z.infer<typeof metricSeriesSchema>;

export const metricsAnswerSchema = z.object({
  range: z.string(),
  periodSeconds: z.number().int().positive(),
  /** `store` when the provider call failed and the stored hourly series stood in. */
  source: z.enum(['provider', 'store']),
  series: z.array(metricSeriesSchema),
});
export type MetricsAnswer = z.infer<typeof metricsAnswerSchema>;

export const OPERATION_STATUSES = ['running', 'succeeded', 'failed'] as const;

export const operationStepSchema = z.object({
  step: z.string(),
  state: z.string().nullable().optional(),
  at: z.string(),
  message: z.string().optional(),
});
export type OperationStep = z.infer<typeof operationStepSchema>;

/** An action running (or run) in the background on one resource; polled until it ends. */
export const operationSchema = z.object({
  id: z.string(),
  action: z.string(),
  target: z.string(),
  correlationId: z.string(),
  status: z.enum(OPERATION_STATUSES),
  steps: z.array(operationStepSchema).default([]),
  state: z.string().nullable(),
  size: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** The action succeeded but the inventory could not follow it until the next sync. */
  warning: z.string().nullable().default(null),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type Operation = z.infer<typeof operationSchema>;

export const operationAnswerSchema = z.object({ operation: operationSchema });

export const bulkAnswerSchema = z.object({
  operations: z.array(operationSchema),
  rejected: z
    .array(z.object({ uid: z.string(), code: z.string(), message: z.string() }))
    .default([]),
});
export type BulkAnswer = z.infer<typeof bulkAnswerSchema>;
