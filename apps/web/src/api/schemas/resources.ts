import {
  ACTIONS,
  actionNameSchema,
  RESOURCE_FACET_FIELDS,
  type ActionName,
  type ResourceFacetField,
} from '@ccx/core';
import { z } from 'zod';

/** Wire shapes of `/api/resources*` (docs/api.md). */
export const resourceSchema = z.object({
  uid: z.string(),
  provider: z.string(),
  account: z.string(),
  region: z.string(),
  type: z.string(),
  id: z.string(),
  name: z.string().nullable(),
  state: z.string().nullable(),
  tags: z.record(z.string(), z.string()),
  createdAt: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  connection: z.string().optional(),
  /** The alias the resource's connection gives its account; null when it has none. */
  accountAlias: z.string().nullable().optional(),
  firstSeenAt: z.string().optional(),
  lastSeenAt: z.string().optional(),
  updatedAt: z.string().optional(),
  deletedAt: z.string().nullable().optional(),
});
export type Resource = z.infer<typeof resourceSchema>;

export const resourcePageSchema = z.object({
  items: z.array(resourceSchema),
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
});
export type ResourcePage = z.infer<typeof resourcePageSchema>;

export const FACET_FIELDS = RESOURCE_FACET_FIELDS;
export type FacetField = ResourceFacetField;

/** `label` is set on account entries whose account has a configured alias. */
const facetValuesSchema = z.array(
  z.object({ value: z.string(), count: z.number(), label: z.string().optional() }),
);
export const facetsSchema = z.object({
  provider: facetValuesSchema,
  account: facetValuesSchema,
  region: facetValuesSchema,
  type: facetValuesSchema,
  state: facetValuesSchema,
});
export type Facets = z.infer<typeof facetsSchema>;

export { actionNameSchema, type ActionName };

/** Button labels, from the action table the server enforces. */
export const ACTION_LABELS = Object.fromEntries(
  Object.entries(ACTIONS).map(([name, definition]) => [name, definition.label]),
) as Record<ActionName, string>;

/**
 * `actions` lists what the caller may run now. Names this client does not know are kept out
 * rather than rejected, so a newer server does not break the page.
 */
export const resourceDetailSchema = resourceSchema.extend({
  actions: z
    .array(z.string())
    .default([])
    .transform((names) =>
      names.filter((name): name is ActionName => actionNameSchema.safeParse(name).success),
    ),
});
export type ResourceDetail = z.infer<typeof resourceDetailSchema>;

export const changeSchema = z.object({
  id: z.union([z.number(), z.string()]),
  at: z.string(),
  kind: z.enum(['created', 'updated', 'deleted']),
  syncRunId: z.string().nullable().optional(),
  diff: z
    .array(z.object({ path: z.string(), before: z.unknown(), after: z.unknown() }))
    .default([]),
});
export type ResourceChange = z.infer<typeof changeSchema>;
export const historySchema = z.object({ items: z.array(changeSchema) });
