import {
  METRIC_RANGES,
  METRICS,
  invalidInput,
  metricNameSchema,
  metricRangeSchema,
  type MetricName,
  type MetricRange,
  type MetricSeries,
  type ProviderConnection,
  type ResourceRef,
} from '@ccx/core';
import { refOf } from '@ccx/api';

export interface MetricSummary {
  metric: MetricName;
  label: string;
  unit: 'percent' | 'bytes';
  periodSeconds: number;
  timestamps: number[];
  values: number[];
  min: number | null;
  avg: number | null;
  p95: number | null;
  max: number | null;
}

export function parseRange(value: string | undefined): MetricRange {
  const parsed = metricRangeSchema.safeParse(value ?? '24h');
  if (!parsed.success) throw invalidInput('--range takes 1h, 24h or 14d');
  return parsed.data;
}

export function parseMetrics(value: string | undefined): MetricName[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((m) => m.trim());
  return names.map((name) => {
    const parsed = metricNameSchema.safeParse(name);
    if (!parsed.success)
      throw invalidInput(`--metric takes a comma list of ${Object.keys(METRICS).join(', ')}`);
    return parsed.data;
  });
}

/** Nearest-rank percentile of values already sorted ascending. */
function percentileOf(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function summarise(series: MetricSeries): MetricSummary {
  const sorted = [...series.values].sort((a, b) => a - b);
  const sum = sorted.reduce((total, v) => total + v, 0);
  return {
    metric: series.metric,
    label: METRICS[series.metric].label,
    unit: METRICS[series.metric].unit,
    periodSeconds: series.periodSeconds,
    timestamps: series.timestamps,
    values: series.values,
    min: sorted[0] ?? null,
    avg: sorted.length ? sum / sorted.length : null,
    p95: percentileOf(sorted, 95),
    max: sorted.at(-1) ?? null,
  };
}

/** The resource's metrics over `range`, live from its connection's batched metrics. */
export async function fetchMetrics(
  connections: ReadonlyMap<string, ProviderConnection>,
  ref: ResourceRef,
  range: MetricRange,
  wanted: readonly MetricName[] | undefined,
  now = new Date(),
): Promise<MetricSummary[]> {
  const connection = [...connections.values()].find(
    (c) => c.provider === ref.provider && c.metrics?.types.includes(ref.type),
  );
  const metrics = connection?.metrics;
  if (!connection || !metrics)
    throw invalidInput(`No configured connection has metrics for ${ref.provider} ${ref.type}`);
  const available = metrics.metricsFor(ref.type);
  const asked = wanted ?? available;
  const missing = asked.filter((m) => !available.includes(m));
  if (missing.length > 0)
    throw invalidInput(`${ref.type} has no ${missing.join(', ')}; it has ${available.join(', ')}`);
  const { seconds, periodSeconds } = METRIC_RANGES[range];
  const series: MetricSeries[] = [];
  for await (const one of metrics.fetch(
    {
      provider: ref.provider,
      connection: connection.name,
      account: ref.account,
      region: ref.region,
    },
    {
      refs: [refOf(ref)],
      metrics: asked,
      start: new Date(now.getTime() - seconds * 1000),
      end: now,
      periodSeconds,
    },
  ))
    series.push(one);
  return asked.map((metric) =>
    summarise(
      series.find((s) => s.metric === metric) ?? {
        uid: '',
        metric,
        periodSeconds,
        timestamps: [],
        values: [],
      },
    ),
  );
}

const BARS = '▁▂▃▄▅▆▇█';

/** A unicode sparkline of at most `width` bars, each the mean of its slice of the series. */
export function sparkline(values: readonly number[], width = 48): string {
  if (values.length === 0) return '';
  const buckets = Math.min(width, values.length);
  const means: number[] = [];
  for (let i = 0; i < buckets; i++) {
    const slice = values.slice(
      Math.floor((i * values.length) / buckets),
      Math.floor(((i + 1) * values.length) / buckets),
    );
    means.push(slice.reduce((a, b) => a + b, 0) / slice.length);
  }
  const min = Math.min(...means);
  const max = Math.max(...means);
  return means
    .map((v) => BARS[max === min ? 0 : Math.round(((v - min) / (max - min)) * (BARS.length - 1))])
    .join('');
}

export function formatValue(value: number | null, unit: 'percent' | 'bytes'): string {
  if (value === null) return '-';
  if (unit === 'percent') return `${value.toFixed(1)}%`;
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = value;
  let i = 0;
  while (Math.abs(v) >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(v >= 100 || i === 0 ? 0 : 1)} ${units[i]}`;
}
