import type { MonitorClient } from '@azure/arm-monitor';
import type { MetricPoint } from './monitor-batch';

/** The points of one resource's series of one Monitor metric, as either call answers them. */
export interface ResourceSeries {
  /** The resource id as asked for (the batch call's `microsoft.resourceid` metadata). */
  id: string;
  /** The Monitor metric name, e.g. `Percentage CPU`. */
  name: string;
  data: readonly MetricPoint[];
}

/** One time slice of a request, the parameters both calls take. */
export interface MetricsSliceQuery {
  timespan: string;
  interval: string;
  /** Comma-separated, as Azure takes them. */
  metricNames: string;
  aggregation: string;
  metricNamespace: string;
}

/** Per-resource calls in flight at once for one chunk of resources. */
export const PER_RESOURCE_CONCURRENCY = 8;

/**
 * Statuses with which `Metrics - List` says one resource cannot be read: deleted since the
 * last sync (404) or not readable by this identity (403). The subscription-scope call simply
 * leaves such a resource out, so here it has no series rather than failing the others.
 */
const NO_SERIES_STATUSES = new Set([403, 404]);

const statusOf = (error: unknown): number | null => {
  if (typeof error !== 'object' || error === null) return null;
  const { statusCode } = error as { statusCode?: unknown };
  return typeof statusCode === 'number' ? statusCode : null;
};

/**
 * `Metrics - List` for each resource: what a scope falls back to where the subscription-scope
 * call is refused. Each call names one resource in its path, so its series carry no resource
 * metadata and are attributed to the id asked for. Calls run a few at a time. A resource Azure
 * says is gone or unreadable (`NO_SERIES_STATUSES`) has no series and is told to `onSkipped`,
 * unless none at all could be read and one was refused (a missing right, not a gap). Any other
 * failure stops the others from starting and is what the caller sees.
 */
export async function listMetricsPerResource(
  client: MonitorClient,
  ids: readonly string[],
  query: MetricsSliceQuery,
  abortSignal?: AbortSignal,
  onSkipped?: (id: string, status: number) => void,
): Promise<ResourceSeries[]> {
  const answers: ResourceSeries[][] = [];
  const skipped: { id: string; status: number; error: unknown }[] = [];
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < ids.length) {
      const index = next++;
      const id = ids[index] ?? '';
      try {
        const response = await client.metrics.list(id, {
          timespan: query.timespan,
          interval: query.interval,
          metricnames: query.metricNames,
          aggregation: query.aggregation,
          metricnamespace: query.metricNamespace,
          resultType: 'Data',
          abortSignal,
        });
        answers[index] = response.value.flatMap((metric) =>
          (metric.timeseries ?? []).map((series) => ({
            id,
            name: metric.name.value,
            data: series.data ?? [],
          })),
        );
      } catch (error) {
        const status = statusOf(error);
        if (status !== null && NO_SERIES_STATUSES.has(status) && !abortSignal?.aborted) {
          answers[index] = [];
          skipped.push({ id, status, error });
          continue;
        }
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PER_RESOURCE_CONCURRENCY, ids.length) }, worker));
  // Not one resource readable, and at least one refused: the identity lacks the right, which
  // is the caller's error to see, not a gap in the series.
  const refused = skipped.find((s) => s.status === 403);
  if (refused && skipped.length === ids.length) throw refused.error;
  for (const { id, status } of skipped) onSkipped?.(id, status);
  return answers.flat();
}
