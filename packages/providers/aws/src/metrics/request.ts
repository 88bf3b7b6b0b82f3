import {
  CcxError,
  metricNameSchema,
  providerIdSchema,
  type MetricName,
  type MetricRequest,
  type Scope,
} from '@ccx/core';
import { z } from 'zod';
import { metricsOf } from './catalog';

export const METRIC_PERIODS = [60, 300, 3600, 86_400] as const;

const requestSchema = z
  .object({
    refs: z.array(
      z.object({
        provider: providerIdSchema,
        account: z.string().min(1),
        region: z.string().min(1),
        type: z.string().min(1),
        id: z.string().min(1).max(1024),
      }),
    ),
    metrics: z.array(metricNameSchema),
    start: z.date(),
    end: z.date(),
    periodSeconds: z.union(METRIC_PERIODS.map((period) => z.literal(period))),
  })
  .refine((request) => request.start.getTime() < request.end.getTime(), {
    message: 'start must be before end',
  });

export type ValidRequest = z.output<typeof requestSchema>;

/**
 * Checks a request before any call: every ref in the scope and of one type with metrics, every
 * metric one that type has. Mixed or foreign refs are a caller's mistake, not something to
 * half-answer.
 */
export function validateRequest(scope: Scope, request: MetricRequest): ValidRequest {
  const parsed = requestSchema.safeParse(request);
  if (!parsed.success) {
    throw new CcxError(
      'invalid_input',
      `Invalid metric request: ${parsed.error.issues[0]?.message}`,
      {
        details: { path: parsed.error.issues[0]?.path.map(String).join('.') ?? '' },
      },
    );
  }
  const valid = parsed.data;
  const types = new Set(valid.refs.map((ref) => ref.type));
  if (types.size > 1) {
    throw new CcxError('invalid_input', 'A metric request takes resources of one type');
  }
  for (const ref of valid.refs) {
    if (ref.provider !== 'aws' || ref.account !== scope.account || ref.region !== scope.region) {
      throw new CcxError(
        'invalid_input',
        'Every resource of a metric request must be in its scope',
        {
          details: { scope: `${scope.account}/${scope.region}` },
        },
      );
    }
  }
  const [type] = types;
  if (type !== undefined) {
    const known: readonly MetricName[] = metricsOf(type);
    if (known.length === 0) {
      throw new CcxError('invalid_input', `The AWS provider has no metrics for ${type}`);
    }
    const unknown = valid.metrics.filter((metric) => !known.includes(metric));
    if (unknown.length > 0) {
      throw new CcxError('invalid_input', `${type} has no ${unknown.join(', ')} metric`, {
        details: { metrics: known.join(',') },
      });
    }
  }
  return valid;
}
