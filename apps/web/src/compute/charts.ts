import { METRIC_RANGES } from '@ccx/core';
import type { MetricName, MetricRange } from '@ccx/core';
import type { ComputeMetrics } from '@ccx/api/contract';

/** The detail page's charts: metrics that share a unit and a subject share a chart. */
export const CHARTS = [
  { title: 'CPU', metrics: ['cpu', 'cpuMax'] },
  { title: 'Memory', metrics: ['memory'] },
  { title: 'Network', metrics: ['networkIn', 'networkOut'] },
  { title: 'Disk', metrics: ['diskRead', 'diskWrite'] },
] as const satisfies readonly { title: string; metrics: readonly MetricName[] }[];

export interface ChartGroup<S extends { metric: string; label: string }> {
  title: string;
  series: S[];
}

/**
 * The answer's series grouped into the charts above, in their order; a metric no chart names
 * (one a newer server added) gets a chart of its own rather than being dropped.
 */
export function groupCharts<S extends { metric: string; label: string }>(
  series: readonly S[],
): ChartGroup<S>[] {
  const groups: ChartGroup<S>[] = [];
  for (const chart of CHARTS) {
    const members = series.filter((item) =>
      (chart.metrics as readonly string[]).includes(item.metric),
    );
    if (members.length > 0) groups.push({ title: chart.title, series: members });
  }
  const named = new Set<string>(CHARTS.flatMap((chart) => chart.metrics));
  for (const item of series) {
    if (!named.has(item.metric)) groups.push({ title: item.label, series: [item] });
  }
  return groups;
}

/**
 * The x axis of a chart: the range asked for, ending now, so a resource that stopped
 * reporting shows an empty tail rather than a line stretched to the edge. Stored data (the
 * fallback) is hourly over 14 days whatever the range asked: the axis then spans all of it.
 */
export function rangeWindow(
  answer: Pick<ComputeMetrics, 'range' | 'series' | 'source'>,
  now: number = Math.floor(Date.now() / 1000),
): { start: number; end: number } {
  let newest = -Infinity;
  let oldest = Infinity;
  for (const series of answer.series) {
    const first = series.timestamps[0];
    const last = series.timestamps.at(-1);
    if (first !== undefined && first < oldest) oldest = first;
    if (last !== undefined && last > newest) newest = last;
  }
  // A clock behind the provider's must not cut off its newest points.
  const end = Number.isFinite(newest) ? Math.max(now, newest) : now;
  const known = (METRIC_RANGES as Partial<Record<string, { seconds: number }>>)[answer.range];
  const start = end - (known?.seconds ?? 86_400);
  if (answer.source === 'store' && Number.isFinite(oldest))
    return { start: Math.min(oldest, start), end };
  return { start, end };
}

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** Axis and tooltip times: the time of day within a day, the date beyond. */
export function chartTimeFormatter(range: MetricRange): (epochSeconds: number) => string {
  const format = range === '1h' ? timeOfDay : dayAndTime;
  return (epochSeconds) => format.format(new Date(epochSeconds * 1000));
}
