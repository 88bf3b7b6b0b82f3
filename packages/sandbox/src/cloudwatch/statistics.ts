import { syntheticValue } from '../metrics/model';
import type { CatalogMetric } from './catalog';
import { invalidParameterValue } from './errors';
import type { MetricResource } from './resources';

/** A statistic CloudWatch computes over a period, or a percentile (`p99`, `p99.9`). */
export type Statistic =
  | { kind: 'Average' | 'Maximum' | 'Minimum' | 'Sum' | 'SampleCount' }
  | { kind: 'percentile'; percent: number };

const NAMED = new Set(['Average', 'Maximum', 'Minimum', 'Sum', 'SampleCount']);
const PERCENTILE = /^p(\d{1,2}(?:\.\d{1,10})?|100)$/;

export function parseStatistic(text: string, field: string): Statistic {
  if (NAMED.has(text)) return { kind: text as 'Average' };
  const match = PERCENTILE.exec(text);
  if (match?.[1] !== undefined) return { kind: 'percentile', percent: Number(match[1]) };
  throw invalidParameterValue(`The value ${text} for parameter ${field} is not valid.`);
}

/** Resources publish a sample a minute (detailed monitoring, Container Insights' resolution). */
const SAMPLE_SECONDS = 60;

/**
 * One statistic of one metric over [start, start + period). The model gives the mean (or
 * total) and, for CPU, the true maximum; the other statistics are derived from those so that
 * Minimum ≤ Average ≤ percentiles ≤ Maximum always holds, as it does for real samples.
 */
export function statisticValue(
  resource: MetricResource,
  metric: CatalogMetric,
  statistic: Statistic,
  start: number,
  period: number,
): number {
  const samples = Math.max(1, Math.floor(period / SAMPLE_SECONDS));
  if (statistic.kind === 'SampleCount') return samples;
  if (metric.source === null) return 0;
  const value = syntheticValue(resource.profile, metric.source, start, period);
  const percent = metric.unit === 'Percent';
  const average = percent ? value : value / samples;
  if (statistic.kind === 'Average') return average;
  if (statistic.kind === 'Sum') return percent ? average * samples : value;
  const maximum = maximumOf(resource, metric, average, start, period);
  const minimum = maximum > 0 ? (average * average) / maximum : 0;
  switch (statistic.kind) {
    case 'Maximum':
      return maximum;
    case 'Minimum':
      return minimum;
    case 'percentile': {
      const p = statistic.percent;
      return p >= 50
        ? average + (maximum - average) * ((p - 50) / 50) ** 2
        : minimum + (average - minimum) * (p / 50);
    }
  }
}

function maximumOf(
  resource: MetricResource,
  metric: CatalogMetric,
  average: number,
  start: number,
  period: number,
): number {
  if (metric.source === 'cpu') return syntheticValue(resource.profile, 'cpuMax', start, period);
  if (metric.unit === 'Percent') return Math.min(100, average * 1.03);
  return average * 1.5;
}
