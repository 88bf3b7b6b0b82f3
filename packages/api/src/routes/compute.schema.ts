import { METRIC_NAMES, metricNameSchema, metricRangeSchema } from '@ccx/core';
import { z } from '@hono/zod-openapi';

/**
 * Query and path parameters of the compute routes (`/api/compute…`, `/api/operations/{id}`);
 * the list query, which the domain code reads too, bodies and answers are in `../contract`
 * (`compute*.ts`, `operations.ts`).
 */

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
