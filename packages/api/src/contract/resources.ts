import { actionNameSchema } from '@ccx/core';
import { z } from 'zod';
import { facetValuesSchema, resourceSchema } from './common';

/** Schemas of `/api/resources…`; the resource itself is shared (`./common`). */

export const resourcePageSchema = z
  .object({
    items: z.array(resourceSchema),
    total: z.number().int(),
    offset: z.number().int(),
    limit: z.number().int(),
  })
  .meta({ id: 'ResourcePage' });
export type ResourcePage = z.infer<typeof resourcePageSchema>;

const accountFacetValuesSchema = z.array(
  z.object({
    value: z.string(),
    count: z.number().int(),
    label: z.string().optional().meta({
      description: 'Alias of the account as configured (several joined by ", "); absent if none',
    }),
  }),
);

export const resourceFacetsSchema = z
  .object({
    provider: facetValuesSchema,
    account: accountFacetValuesSchema,
    region: facetValuesSchema,
    type: facetValuesSchema,
    state: facetValuesSchema,
  })
  .meta({ id: 'ResourceFacets' });
export type ResourceFacets = z.infer<typeof resourceFacetsSchema>;

/** An intersection rather than `extend`, so the document states it as a `Resource` plus more. */
export const resourceDetailSchema = z
  .intersection(
    resourceSchema,
    z.object({
      actions: z
        .array(actionNameSchema)
        .meta({ description: "What the caller's role may run on it in its current state" }),
    }),
  )
  .meta({ id: 'ResourceDetail' });
export type ResourceDetail = z.infer<typeof resourceDetailSchema>;

export const resourceChangeSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.enum(['created', 'updated', 'deleted']),
  syncRunId: z.string().nullable(),
  diff: z.array(z.object({ path: z.string(), before: z.unknown(), after: z.unknown() })),
});
export type ResourceChange = z.infer<typeof resourceChangeSchema>;

export const resourceHistorySchema = z
  .object({ items: z.array(resourceChangeSchema) })
  .meta({ id: 'ResourceHistory' });
export type ResourceHistory = z.infer<typeof resourceHistorySchema>;
