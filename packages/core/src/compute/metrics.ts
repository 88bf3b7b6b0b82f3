import { z } from 'zod';

/**
 * Metrics the product knows, provider-neutral. Each provider maps them to its own
 * (CloudWatch `CPUUtilization` Average, Azure `Percentage CPU` Average, …).
 */
export const METRICS = {
  cpu: { label: 'CPU', unit: 'percent', statistic: 'average' },
  cpuMax: { label: 'CPU (max)', unit: 'percent', statistic: 'maximum' },
  memory: { label: 'Memory', unit: 'percent', statistic: 'average' },
  networkIn: { label: 'Network in', unit: 'bytes', statistic: 'sum' },
  networkOut: { label: 'Network out', unit: 'bytes', statistic: 'sum' },
  diskRead: { label: 'Disk read', unit: 'bytes', statistic: 'sum' },
  diskWrite: { label: 'Disk write', unit: 'bytes', statistic: 'sum' },
} as const satisfies Record<
  string,
  { label: string; unit: 'percent' | 'bytes'; statistic: 'average' | 'maximum' | 'sum' }
>;

export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];
export const metricNameSchema = z.enum(METRIC_NAMES as [MetricName, ...MetricName[]]);

/**
 * What a sync keeps per resource, of those its type has: hourly points over 14 days, the
 * window AWS Compute Optimizer looks at by default. Memory exists only where the provider
 * measures it without an agent (ECS services). Disk metrics are fetched live for charts.
 */
export const SYNCED_METRICS: readonly MetricName[] = [
  'cpu',
  'cpuMax',
  'memory',
  'networkIn',
  'networkOut',
];
export const SYNC_METRIC_PERIOD_SECONDS = 3600;
export const SYNC_METRIC_WINDOW_DAYS = 14;

/** Chart ranges the detail view offers, with the period each is fetched at. */
export const METRIC_RANGES = {
  '1h': { seconds: 3600, periodSeconds: 60 },
  '24h': { seconds: 86_400, periodSeconds: 300 },
  '14d': { seconds: 14 * 86_400, periodSeconds: 3600 },
} as const;
export type MetricRange = keyof typeof METRIC_RANGES;
export const metricRangeSchema = z.enum(
  Object.keys(METRIC_RANGES) as [MetricRange, ...MetricRange[]],
);
