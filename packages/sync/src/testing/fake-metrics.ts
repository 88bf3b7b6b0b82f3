import type { MetricName, MetricRequest, MetricSeries, Metrics, Scope } from '@ccx/core';
import { resourceUid } from '@ccx/core';

export interface FetchContext {
  scope: Scope;
  request: MetricRequest;
  /** 1 for the first fetch this fake served, 2 for the next… */
  call: number;
}

export interface FakeMetricsOptions {
  /** Default `['ec2.instance']`. */
  types?: string[];
  /** Metrics every type has; default cpu, cpuMax, networkIn and diskRead. */
  metrics?: MetricName[];
  /** Called before a fetch yields anything; throwing here fails that fetch. */
  beforeFetch?: (context: FetchContext) => void;
  /** Called before each series is yielded; throwing here fails the fetch midway. */
  beforeSeries?: (context: FetchContext & { index: number }) => void;
}

/** A deterministic value, so tests can tell which fetch wrote a point. */
export function fakeValue(uid: string, metric: string, timestamp: number): number {
  let hash = 0;
  for (const char of `${uid}|${metric}`) hash = (hash * 31 + char.charCodeAt(0)) % 1000;
  return hash + ((timestamp / 3600) % 24);
}

/**
 * A fake Metrics capability: every requested resource × metric gets one point per period of
 * the requested range, yielded as whole series. It records each fetch so tests can check how
 * many were made and over which range.
 */
export function fakeMetrics(
  options: FakeMetricsOptions = {},
): Metrics & { fetches: FetchContext[] } {
  const types = options.types ?? ['ec2.instance'];
  const names = options.metrics ?? ['cpu', 'cpuMax', 'networkIn', 'diskRead'];
  const fetches: FetchContext[] = [];

  async function* fetch(scope: Scope, request: MetricRequest): AsyncIterable<MetricSeries> {
    const context = { scope, request, call: fetches.length + 1 };
    fetches.push(context);
    await Promise.resolve();
    options.beforeFetch?.(context);
    const start = Math.floor(request.start.getTime() / 1000);
    const end = Math.floor(request.end.getTime() / 1000);
    let index = 0;
    for (const ref of request.refs) {
      const uid = resourceUid(ref);
      for (const metric of request.metrics) {
        options.beforeSeries?.({ ...context, index });
        index += 1;
        const timestamps: number[] = [];
        for (let t = start; t < end; t += request.periodSeconds) timestamps.push(t);
        yield {
          uid,
          metric,
          periodSeconds: request.periodSeconds,
          timestamps,
          values: timestamps.map((t) => fakeValue(uid, metric, t)),
        };
      }
    }
  }

  return {
    types,
    metricsFor: (type) => (types.includes(type) ? names : []),
    fetch,
    fetches,
  };
}
