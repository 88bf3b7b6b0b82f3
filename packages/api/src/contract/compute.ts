import { PROVIDERS, actionNameSchema } from '@ccx/core';
import { z } from 'zod';
import { facetValuesSchema } from './common';

/**
 * Schemas of the `GET /api/compute` answer: one entry per machine or service, the page and its
 * facets. The query is in `./compute-list-query`, one resource's detail in `./compute-detail`.
 */

export const COMPUTE_FACET_FIELDS = ['type', 'provider', 'state', 'region'] as const;
export type ComputeFacetField = (typeof COMPUTE_FACET_FIELDS)[number];

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
