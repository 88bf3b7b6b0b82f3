import {
  COMPUTE_TYPES,
  PROVIDERS,
  SEVERITIES,
  actionInputSchema,
  actionNameSchema,
  metricNameSchema,
  metricRangeSchema,
} from '@ccx/core';
import { z } from 'zod';
import { facetValuesSchema, moneySchema, queryInt } from './common';

/** Schemas of `/api/compute…`, `/api/operations/{id}` and the action routes. */

export const COMPUTE_SORT_FIELDS = ['name', 'state', 'size', 'type', 'region', 'saving'] as const;
export type ComputeSortField = (typeof COMPUTE_SORT_FIELDS)[number];

export const COMPUTE_FACET_FIELDS = ['type', 'provider', 'state', 'region'] as const;
export type ComputeFacetField = (typeof COMPUTE_FACET_FIELDS)[number];

const MAX_LIST_VALUES = 100;
const MAX_VALUE_LENGTH = 512;

/** A filter given as a comma list, repeated parameters, or both; empty parts are dropped. */
const listParam = z
  .union([z.string().max(MAX_VALUE_LENGTH * 4), z.array(z.string().max(MAX_VALUE_LENGTH)).max(20)])
  .optional()
  .transform((value) =>
    value === undefined
      ? undefined
      : (Array.isArray(value) ? value : [value])
          .flatMap((part) => part.split(','))
          .map((part) => part.trim())
          .filter((part) => part.length > 0),
  )
  .refine((values) => values === undefined || values.length <= MAX_LIST_VALUES, {
    message: `at most ${MAX_LIST_VALUES} values`,
  })
  .refine((values) => values === undefined || values.every((v) => v.length <= MAX_VALUE_LENGTH), {
    message: `each value at most ${MAX_VALUE_LENGTH} characters`,
  });

/** The compute types the list shows: machines, services and what hangs off them. */
export const COMPUTE_TYPE_NAMES = Object.values(COMPUTE_TYPES);

/** The query of `GET /api/compute`: filters, sort and page. */
export const computeListQuerySchema = z.object({
  type: listParam.meta({ description: `Comma list of ${COMPUTE_TYPE_NAMES.join(', ')}` }),
  provider: listParam,
  account: listParam,
  region: listParam,
  state: listParam,
  q: z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'Case-insensitive substring of the name or the id' }),
  sort: z.enum(COMPUTE_SORT_FIELDS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: queryInt(1, 1_000_000).default(1),
  pageSize: queryInt(1, 200).default(50),
});
export type ComputeListQuery = z.infer<typeof computeListQuerySchema>;

export const sparklineSchema = z
  .object({
    metric: z.literal('cpu'),
    periodSeconds: z.literal(3600),
    timestamps: z.array(z.number().int()).meta({ description: 'Epoch seconds' }),
    values: z.array(z.number()),
  })
  .meta({ id: 'ComputeSparkline' });
export type Sparkline = z.infer<typeof sparklineSchema>;

export const computeEntrySchema = z
  .object({
    uid: z.string(),
    uri: z
      .string()
      .meta({ description: 'aws://<account>/<region>/<type>/<id>, as the CLI takes it' }),
    provider: z.enum(PROVIDERS),
    account: z.string(),
    accountAlias: z.string().nullable().meta({
      description: 'Alias its connection configures for the account (e.g. prod); null if none',
    }),
    region: z.string(),
    type: z.string(),
    id: z.string(),
    name: z.string().nullable(),
    state: z.string().nullable(),
    size: z
      .string()
      .nullable()
      .meta({ description: 'Instance type or VM size; null for services' }),
    desiredCount: z.number().int().nullable(),
    runningCount: z.number().int().nullable(),
    tags: z.record(z.string(), z.string()),
    // A union with null, not `.nullable()`: the document then refers to the named sparkline.
    sparkline: z
      .union([sparklineSchema, z.null()])
      .meta({ description: 'Hourly CPU of the last 7 days from the store; null if none' }),
    findings: z.object({
      count: z.number().int(),
      monthlySaving: z.number().nullable(),
    }),
    actions: z
      .array(actionNameSchema)
      .meta({ description: "What the caller's role may run on it in its current state" }),
  })
  .meta({ id: 'ComputeEntry' });
export type ComputeEntry = z.infer<typeof computeEntrySchema>;

export const computeFacetsSchema = z.object({
  type: facetValuesSchema,
  provider: facetValuesSchema,
  state: facetValuesSchema,
  region: facetValuesSchema,
}) satisfies z.ZodType<Record<ComputeFacetField, unknown>>;
export type ComputeFacets = z.infer<typeof computeFacetsSchema>;

export const computePageSchema = z
  .object({
    items: z.array(computeEntrySchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    facets: computeFacetsSchema,
  })
  .meta({ id: 'ComputePage' });
export type ComputePage = z.infer<typeof computePageSchema>;

export const computeFindingSchema = z
  .object({
    kind: z.string(),
    subject: z.string(),
    severity: z.enum(SEVERITIES),
    title: z.string(),
    evidence: z.record(z.string(), z.unknown()),
    estimatedMonthlyImpact: moneySchema.nullable(),
    detectedAt: z.string(),
  })
  .meta({ id: 'ComputeFinding' });
export type ComputeFinding = z.infer<typeof computeFindingSchema>;

export const instanceSizeSchema = z
  .object({
    name: z.string(),
    vcpu: z.number(),
    memoryGiB: z.number(),
    hourlyPrice: z.number().nullable().meta({ description: 'On-demand USD per hour' }),
  })
  .meta({ id: 'InstanceSize' });
export type InstanceSize = z.infer<typeof instanceSizeSchema>;

export const relatedResourceSchema = z
  .object({
    uid: z.string(),
    type: z.string(),
    id: z.string(),
    name: z.string().nullable(),
    state: z.string().nullable(),
  })
  .meta({ id: 'RelatedResource' });
export type RelatedResource = z.infer<typeof relatedResourceSchema>;

export const serviceTaskSchema = z
  .object({
    uid: z.string(),
    id: z.string().meta({ description: 'The task id' }),
    state: z.string().nullable().meta({ description: 'Lower-cased lastStatus' }),
    desiredStatus: z.string().nullable(),
    taskDefinition: z.string().nullable().meta({ description: 'family:revision' }),
    revision: z.number().int().nullable(),
    current: z.boolean().meta({ description: 'Runs the revision the service is on' }),
    healthStatus: z.string().nullable(),
    launchType: z.string().nullable(),
    availabilityZone: z.string().nullable(),
    privateIp: z.string().nullable(),
    startedAt: z.string().nullable(),
    stoppedAt: z.string().nullable(),
    stopCode: z.string().nullable(),
    stoppedReason: z.string().nullable(),
  })
  .meta({ id: 'ServiceTask' });
export type ServiceTask = z.infer<typeof serviceTaskSchema>;

export const computeDetailSchema = z
  .object({
    entry: computeEntrySchema,
    attributes: z.record(z.string(), z.unknown()),
    findings: z.array(computeFindingSchema),
    sizes: z.array(instanceSizeSchema).meta({
      description: 'Resize choices (same family and neighbours) in its region; [] for services',
    }),
    related: z
      .array(relatedResourceSchema)
      .meta({ description: 'Volumes and addresses of an instance, disks of a VM' }),
    tasks: z.array(serviceTaskSchema).meta({
      description: "An ECS service's tasks: live ones, then stopped ones; [] for anything else",
    }),
  })
  .meta({ id: 'ComputeDetail' });
export type ComputeDetail = z.infer<typeof computeDetailSchema>;

export const metricSeriesViewSchema = z
  .object({
    metric: metricNameSchema,
    label: z.string(),
    unit: z.enum(['percent', 'bytes']),
    timestamps: z.array(z.number().int()).meta({ description: 'Epoch seconds, ascending' }),
    values: z.array(z.number()),
  })
  .meta({ id: 'MetricSeriesView' });
export type MetricSeriesView = z.infer<typeof metricSeriesViewSchema>;

export const computeMetricsSchema = z
  .object({
    range: metricRangeSchema,
    periodSeconds: z.number().int(),
    source: z
      .enum(['provider', 'store'])
      .meta({ description: "store: the provider call failed; the last sync's hourly series" }),
    series: z.array(metricSeriesViewSchema),
  })
  .meta({ id: 'ComputeMetrics' });
export type ComputeMetrics = z.infer<typeof computeMetricsSchema>;

export const OPERATION_STATUSES = ['running', 'succeeded', 'failed'] as const;
export const operationStatusSchema = z.enum(OPERATION_STATUSES);

export const operationStepSchema = z.object({
  step: z.string(),
  state: z.string().nullable(),
  at: z.string(),
  message: z.string().optional(),
});
export type OperationStep = z.infer<typeof operationStepSchema>;

/** An action running (or run) in the background on one resource; polled until it ends. */
export const operationSchema = z
  .object({
    id: z.string(),
    action: actionNameSchema,
    target: z.string().meta({ description: 'Resource uid' }),
    correlationId: z.string().meta({ description: 'Shared by its audit entries' }),
    status: operationStatusSchema,
    steps: z.array(operationStepSchema),
    state: z.string().nullable(),
    size: z.string().nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    warning: z.string().nullable().meta({
      description:
        'Set when the action succeeded but the store could not follow it: the stored state is corrected by the next sync',
    }),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'Operation' });
export type Operation = z.infer<typeof operationSchema>;

/**
 * `{action:'compute.start'}` … `{action:'compute.resize', size}`, `{action:'compute.scale',
 * count}`, `{action:'compute.deploy', images?, cpu?, memory?}` (ECS services),
 * `{action:'compute.associate-address', instance}` and `{action:'compute.disassociate-address'}`
 * (Elastic IPs).
 */
export const actionRequestSchema = actionInputSchema;

export const actionAcceptedSchema = z
  .object({ operation: operationSchema })
  .meta({ id: 'ActionAccepted' });
export type ActionAccepted = z.infer<typeof actionAcceptedSchema>;

export const MAX_BULK_UIDS = 100;
const bulkUids = z
  .array(z.string().min(1).max(4096))
  .min(1)
  .max(MAX_BULK_UIDS)
  .refine((uids) => new Set(uids).size === uids.length, { message: 'uids must be unique' });

/**
 * The action input with the uids it applies to: each variant of `actionInputSchema` extended,
 * so the bulk body stays strict and as precise as the single one. Deploys and address
 * associations name one target's own containers or instance, so they are never bulk.
 */
const [startInput, stopInput, rebootInput, resizeInput, scaleInput] = actionInputSchema.options;
export const bulkActionRequestSchema = z
  .discriminatedUnion('action', [
    startInput.extend({ uids: bulkUids }),
    stopInput.extend({ uids: bulkUids }),
    rebootInput.extend({ uids: bulkUids }),
    resizeInput.extend({ uids: bulkUids }),
    scaleInput.extend({ uids: bulkUids }),
  ])
  .meta({ id: 'BulkActionInput' });
export type BulkActionRequest = z.infer<typeof bulkActionRequestSchema>;

export const bulkAcceptedSchema = z
  .object({
    operations: z.array(operationSchema),
    rejected: z.array(z.object({ uid: z.string(), code: z.string(), message: z.string() })),
  })
  .meta({ id: 'BulkActionAccepted' });
export type BulkAccepted = z.infer<typeof bulkAcceptedSchema>;
