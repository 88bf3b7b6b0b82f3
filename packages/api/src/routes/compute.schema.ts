import {
  COMPUTE_TYPES,
  METRIC_NAMES,
  PROVIDERS,
  SEVERITIES,
  actionInputSchema,
  actionNameSchema,
  metricNameSchema,
  metricRangeSchema,
} from '@ccx/core';
import { z } from '@hono/zod-openapi';
import { queryInt } from './common.schema';

/**
 * Schemas of the compute routes (`/api/compute…`, `/api/operations/{id}` and the action
 * routes). The web app mirrors these; a change here is a change of the public contract.
 */

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

export const COMPUTE_SORT_FIELDS = ['name', 'state', 'size', 'type', 'region', 'saving'] as const;
export type ComputeSortField = (typeof COMPUTE_SORT_FIELDS)[number];

/** The compute types the list shows: machines, services and what hangs off them. */
export const COMPUTE_TYPE_NAMES = Object.values(COMPUTE_TYPES);

export const computeListQuerySchema = z.object({
  type: listParam.openapi({ description: `Comma list of ${COMPUTE_TYPE_NAMES.join(', ')}` }),
  provider: listParam,
  account: listParam,
  region: listParam,
  state: listParam,
  q: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: 'Case-insensitive substring of the name or the id' }),
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
    timestamps: z.array(z.number().int()).openapi({ description: 'Epoch seconds' }),
    values: z.array(z.number()),
  })
  .openapi('ComputeSparkline');

export const computeEntrySchema = z
  .object({
    uid: z.string(),
    uri: z
      .string()
      .openapi({ description: 'aws://<account>/<region>/<type>/<id>, as the CLI takes it' }),
    provider: z.enum(PROVIDERS),
    account: z.string(),
    region: z.string(),
    type: z.string(),
    id: z.string(),
    name: z.string().nullable(),
    state: z.string().nullable(),
    size: z
      .string()
      .nullable()
      .openapi({ description: 'Instance type or VM size; null for services' }),
    desiredCount: z.number().int().nullable(),
    runningCount: z.number().int().nullable(),
    tags: z.record(z.string(), z.string()),
    sparkline: sparklineSchema
      .nullable()
      .openapi({ description: 'Hourly CPU of the last 7 days from the store; null if none' }),
    findings: z.object({
      count: z.number().int(),
      monthlySaving: z.number().nullable(),
    }),
    actions: z
      .array(actionNameSchema)
      .openapi({ description: "What the caller's role may run on it in its current state" }),
  })
  .openapi('ComputeEntry');
export type ComputeEntry = z.infer<typeof computeEntrySchema>;

const facetValues = z.array(z.object({ value: z.string(), count: z.number().int() }));

export const computePageSchema = z
  .object({
    items: z.array(computeEntrySchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    facets: z.object({
      type: facetValues,
      provider: facetValues,
      state: facetValues,
      region: facetValues,
    }),
  })
  .openapi('ComputePage');

const moneySchema = z.object({ amount: z.number(), currency: z.string() });

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
  .openapi('ComputeFinding');

export const instanceSizeSchema = z
  .object({
    name: z.string(),
    vcpu: z.number(),
    memoryGiB: z.number(),
    hourlyPrice: z.number().nullable().openapi({ description: 'On-demand USD per hour' }),
  })
  .openapi('InstanceSize');

export const relatedResourceSchema = z
  .object({
    uid: z.string(),
    type: z.string(),
    id: z.string(),
    name: z.string().nullable(),
    state: z.string().nullable(),
  })
  .openapi('RelatedResource');

export const serviceTaskSchema = z
  .object({
    uid: z.string(),
    id: z.string().openapi({ description: 'The task id' }),
    state: z.string().nullable().openapi({ description: 'Lower-cased lastStatus' }),
    desiredStatus: z.string().nullable(),
    taskDefinition: z.string().nullable().openapi({ description: 'family:revision' }),
    revision: z.number().int().nullable(),
    current: z.boolean().openapi({ description: 'Runs the revision the service is on' }),
    healthStatus: z.string().nullable(),
    launchType: z.string().nullable(),
    availabilityZone: z.string().nullable(),
    privateIp: z.string().nullable(),
    startedAt: z.string().nullable(),
    stoppedAt: z.string().nullable(),
    stopCode: z.string().nullable(),
    stoppedReason: z.string().nullable(),
  })
  .openapi('ServiceTask');

export const computeDetailSchema = z
  .object({
    entry: computeEntrySchema,
    attributes: z.record(z.string(), z.unknown()),
    findings: z.array(computeFindingSchema),
    sizes: z.array(instanceSizeSchema).openapi({
      description: 'Resize choices (same family and neighbours) in its region; [] for services',
    }),
    related: z
      .array(relatedResourceSchema)
      .openapi({ description: 'Volumes and addresses of an instance, disks of a VM' }),
    tasks: z.array(serviceTaskSchema).openapi({
      description: "An ECS service's tasks: live ones, then stopped ones; [] for anything else",
    }),
  })
  .openapi('ComputeDetail');

/** `metrics` defaults to every metric the provider has for the resource's type. */
export const computeMetricsQuerySchema = z.object({
  range: metricRangeSchema.default('24h'),
  metrics: z
    .string()
    .max(200)
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      const names = [...new Set(value.split(',').map((part) => part.trim()))].filter(Boolean);
      const parsed: z.infer<typeof metricNameSchema>[] = [];
      for (const name of names) {
        const result = metricNameSchema.safeParse(name);
        if (!result.success) {
          ctx.addIssue({
            code: 'custom',
            message: `unknown metric; expected any of ${METRIC_NAMES.join(', ')}`,
          });
          return z.NEVER;
        }
        parsed.push(result.data);
      }
      return parsed;
    })
    .openapi({ type: 'string', description: `Comma list of ${METRIC_NAMES.join(', ')}` }),
});

export const metricSeriesViewSchema = z
  .object({
    metric: metricNameSchema,
    label: z.string(),
    unit: z.enum(['percent', 'bytes']),
    timestamps: z.array(z.number().int()).openapi({ description: 'Epoch seconds, ascending' }),
    values: z.array(z.number()),
  })
  .openapi('MetricSeriesView');

export const computeMetricsSchema = z
  .object({
    range: metricRangeSchema,
    periodSeconds: z.number().int(),
    source: z
      .enum(['provider', 'store'])
      .openapi({ description: "store: the provider call failed; the last sync's hourly series" }),
    series: z.array(metricSeriesViewSchema),
  })
  .openapi('ComputeMetrics');

export const operationStatusSchema = z.enum(['running', 'succeeded', 'failed']);

export const operationSchema = z
  .object({
    id: z.string(),
    action: actionNameSchema,
    target: z.string().openapi({ description: 'Resource uid' }),
    correlationId: z.string().openapi({ description: 'Shared by its audit entries' }),
    status: operationStatusSchema,
    steps: z.array(
      z.object({
        step: z.string(),
        state: z.string().nullable(),
        at: z.string(),
        message: z.string().optional(),
      }),
    ),
    state: z.string().nullable(),
    size: z.string().nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    warning: z.string().nullable().openapi({
      description:
        'Set when the action succeeded but the store could not follow it: the stored state is corrected by the next sync',
    }),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('Operation');
export type OperationView = z.infer<typeof operationSchema>;

export const operationParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

/**
 * `{action:'compute.start'}` … `{action:'compute.resize', size}`, `{action:'compute.scale',
 * count}`, `{action:'compute.deploy', images?, cpu?, memory?}` (ECS services),
 * `{action:'compute.associate-address', instance}` and `{action:'compute.disassociate-address'}`
 * (Elastic IPs).
 */
export const actionBodySchema = actionInputSchema;

export const actionAcceptedSchema = z
  .object({ operation: operationSchema })
  .openapi('ActionAccepted');

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
export const bulkActionBodySchema = z
  .discriminatedUnion('action', [
    startInput.extend({ uids: bulkUids }),
    stopInput.extend({ uids: bulkUids }),
    rebootInput.extend({ uids: bulkUids }),
    resizeInput.extend({ uids: bulkUids }),
    scaleInput.extend({ uids: bulkUids }),
  ])
  .openapi('BulkActionInput');
export type BulkActionBody = z.infer<typeof bulkActionBodySchema>;

export const bulkAcceptedSchema = z
  .object({
    operations: z.array(operationSchema),
    rejected: z.array(z.object({ uid: z.string(), code: z.string(), message: z.string() })),
  })
  .openapi('BulkActionAccepted');
