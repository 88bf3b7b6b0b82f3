import { COMPUTE_TYPES } from '@ccx/core';
import { z } from 'zod';
import { queryInt, queryList } from './common';

/**
 * The query of `GET /api/compute`. The compute domain code filters, sorts and pages with it
 * too, so it lives in the contract rather than beside the routes.
 */

export const COMPUTE_SORT_FIELDS = ['name', 'state', 'size', 'type', 'region', 'saving'] as const;
export type ComputeSortField = (typeof COMPUTE_SORT_FIELDS)[number];

/** The compute types the list shows: machines, services and what hangs off them. */
export const COMPUTE_TYPE_NAMES = Object.values(COMPUTE_TYPES);

/** The query of `GET /api/compute`: filters, sort and page. */
export const computeListQuerySchema = z.object({
  type: queryList.meta({ description: `Comma list of ${COMPUTE_TYPE_NAMES.join(', ')}` }),
  provider: queryList,
  account: queryList,
  region: queryList,
  state: queryList,
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
