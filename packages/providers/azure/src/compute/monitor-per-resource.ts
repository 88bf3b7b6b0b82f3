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
 * `Metrics - List` for each resource: what a scope falls back to where the subscription-scope
 * call is refused. Each call names one resource in its path, so its series carry no resource
 * metadata and are attributed to the id asked for. Calls run a few at a time; the first
 * failure stops the others from starting and is what the caller sees.
 */
export async function listMetricsPerResource(
  client: MonitorClient,
  ids: readonly string[],
  query: MetricsSliceQuery,
  abortSignal?: AbortSignal,
): Promise<ResourceSeries[]> {
  const answers: ResourceSeries[][] = [];
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
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PER_RESOURCE_CONCURRENCY, ids.length) }, worker));
  return answers.flat();
}
