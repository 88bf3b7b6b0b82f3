import { z } from 'zod';
import { invalidParameterValue, missingParameter } from './errors';

/**
 * Request shapes of the operations served, as the SDK serialises them (awsJson1_0: member
 * names as in the model, timestamps as epoch seconds). Unknown members are ignored, as AWS does.
 */
const dimension = z.object({ Name: z.string().min(1).max(255), Value: z.string().max(1024) });

export const metricSchema = z.object({
  Namespace: z.string().max(255).optional(),
  MetricName: z.string().max(255).optional(),
  Dimensions: z.array(dimension).max(30).optional(),
});

const metricStat = z.object({
  Metric: metricSchema,
  Period: z.number().int().positive(),
  Stat: z.string().min(1).max(100),
  Unit: z.string().optional(),
});

const metricDataQuery = z.object({
  Id: z.string().min(1).max(255),
  MetricStat: metricStat.optional(),
  Expression: z.string().optional(),
  Label: z.string().optional(),
  ReturnData: z.boolean().optional(),
  Period: z.number().int().positive().optional(),
  AccountId: z.string().optional(),
});

const epochSeconds = z.number().finite();

export const getMetricDataInput = z.object({
  MetricDataQueries: z.array(metricDataQuery),
  StartTime: epochSeconds,
  EndTime: epochSeconds,
  NextToken: z.string().optional(),
  ScanBy: z.enum(['TimestampDescending', 'TimestampAscending']).optional(),
  MaxDatapoints: z.number().int().positive().optional(),
});

export const getMetricStatisticsInput = z.object({
  Namespace: z.string().min(1).max(255),
  MetricName: z.string().min(1).max(255),
  Dimensions: z.array(dimension).max(30).optional(),
  StartTime: epochSeconds,
  EndTime: epochSeconds,
  Period: z.number().int().positive(),
  Statistics: z.array(z.string()).min(1).max(5).optional(),
  ExtendedStatistics: z.array(z.string()).min(1).max(10).optional(),
  Unit: z.string().optional(),
});

export const listMetricsInput = z.object({
  Namespace: z.string().min(1).max(255).optional(),
  MetricName: z.string().min(1).max(255).optional(),
  Dimensions: z
    .array(z.object({ Name: z.string().min(1).max(255), Value: z.string().max(1024).optional() }))
    .max(10)
    .optional(),
  NextToken: z.string().optional(),
  RecentlyActive: z.literal('PT3H').optional(),
});

/**
 * Parses an operation's input; a missing required member is MissingParameter, any other
 * mismatch InvalidParameterValue naming the member (never echoing the value).
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  if (issue?.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
    throw missingParameter(path);
  }
  throw invalidParameterValue(`The parameter ${path || 'input'} is not valid: ${issue?.message}`);
}
