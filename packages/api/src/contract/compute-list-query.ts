import { COMPUTE_TYPES } from '@ccx/core';
import { z } from 'zod';
import { queryInt } from './common';

/**
 * The query of `GET /api/compute`. The compute domain code filters, sorts and pages with it
 * too, so it lives in the contract rather than beside the routes.
 */

export const COMPUTE_SORT_FIELDS = ['name', 'state', 'size', 'type', 'region', 'saving'] as const;
export type ComputeSortField = (typeof COMPUTE_SORT_FIELDS)[number];

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
