import { SEVERITIES, metricNameSchema, metricRangeSchema } from '@ccx/core';
import { z } from 'zod';
import { moneySchema } from './common';
import { computeEntrySchema } from './compute';

/** Schemas of `GET /api/compute/{uid}` and `GET /api/compute/{uid}/metrics`. */

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
