import { COMPUTE_TYPES, METRIC_NAMES, metricNameSchema, metricRangeSchema } from '@ccx/core';
import { z } from '@hono/zod-openapi';
import { COMPUTE_SORT_FIELDS } from '../contract';
import { queryInt } from './common.schema';

/**
 * Query and path parameters of the compute routes (`/api/compute…`, `/api/operations/{id}`);
 * bodies and answers are in `../contract/compute`.
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

export const operationParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
