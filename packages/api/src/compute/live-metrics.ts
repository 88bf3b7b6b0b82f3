import {
  METRIC_RANGES,
  METRICS,
  type MetricName,
  type MetricRange,
  type MetricSeries,
  type ProviderConnection,
} from '@ccx/core';
import type { Store, StoredResource } from '@ccx/store';
import type { Logger } from 'pino';
import { refOf } from './resource-fields';
import { safeError } from './safe-error';

export interface MetricsView {
  range: MetricRange;
  periodSeconds: number;
  source: 'provider' | 'store';
  series: {
    metric: MetricName;
    label: string;
    unit: 'percent' | 'bytes';
    timestamps: number[];
    values: number[];
  }[];
}

/** A chart never waits longer than this for the provider before showing stored data. */
const PROVIDER_TIMEOUT_MS = 10_000;

/**
 * A resource's metrics over a chart range, live from the provider's batched `fetch` at the
 * range's period. When the provider has no metrics for the type, or the call fails or times
 * out, the stored hourly series of the last sync stand in (`source: 'store'`), cut to the
 * range: a chart with older, coarser data beats an error.
 */
export async function resourceMetrics(
  deps: {
    store: Store;
    connections: ReadonlyMap<string, ProviderConnection>;
    logger: Logger;
    now: () => Date;
  },
  resource: StoredResource,
  query: { range: MetricRange; metrics?: readonly MetricName[] | undefined },
  signal?: AbortSignal,
): Promise<MetricsView> {
  const { seconds, periodSeconds } = METRIC_RANGES[query.range];
  const end = deps.now();
  const start = new Date(end.getTime() - seconds * 1000);
  const provider = deps.connections.get(resource.connection)?.metrics;
  const available = provider?.types.includes(resource.type)
    ? provider.metricsFor(resource.type)
    : [];
  const wanted = query.metrics ?? available;
  const live = wanted.filter((metric) => available.includes(metric));
  if (provider && live.length > 0) {
    try {
      const timeout = AbortSignal.timeout(PROVIDER_TIMEOUT_MS);
      const series: MetricSeries[] = [];
      for await (const one of provider.fetch(
        {
          provider: resource.provider,
          connection: resource.connection,
          account: resource.account,
          region: resource.region,
        },
        { refs: [refOf(resource)], metrics: live, start, end, periodSeconds },
        { signal: signal ? AbortSignal.any([signal, timeout]) : timeout },
      )) {
        if (one.uid === resource.uid) series.push(one);
      }
      return view(query.range, periodSeconds, 'provider', live, series);
    } catch (error) {
      if (signal?.aborted) throw error;
      deps.logger.warn(
        { ...safeError(error), target: resource.uid },
        'live metrics failed; answering with stored series',
      );
    }
  }
  const stored = await deps.store.metricSeries.list({ uids: [resource.uid], metrics: wanted });
  const from = Math.floor(start.getTime() / 1000);
  const cut = stored.map((series) => {
    const keep = series.timestamps.map((at) => at >= from);
    return {
      ...series,
      timestamps: series.timestamps.filter((_, i) => keep[i]),
      values: series.values.filter((_, i) => keep[i]),
    };
  });
  const storedPeriod = stored[0]?.periodSeconds ?? 3600;
  return view(
    query.range,
    storedPeriod,
    'store',
    wanted.filter((m) => cut.some((s) => s.metric === m)),
    cut,
  );
}

/** One entry per asked metric, in the order asked, with its label and unit. */
function view(
  range: MetricRange,
  periodSeconds: number,
  source: MetricsView['source'],
  metrics: readonly MetricName[],
  series: readonly MetricSeries[],
): MetricsView {
  return {
    range,
    periodSeconds,
    source,
    series: metrics.map((metric) => {
      const found = series.find((s) => s.metric === metric);
      return {
        metric,
        label: METRICS[metric].label,
        unit: METRICS[metric].unit,
        timestamps: found?.timestamps ?? [],
        values: found?.values ?? [],
      };
    }),
  };
}
