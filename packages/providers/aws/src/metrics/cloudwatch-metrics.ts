import { setMaxListeners } from 'node:events';
import type { Dimension } from '@aws-sdk/client-cloudwatch';
import {
  COMPUTE_TYPES,
  resourceUid,
  type MetricRequest,
  type Metrics,
  type ResourceRef,
  type Scope,
} from '@ccx/core';
import type { AccountDirectory } from '../account-directory';
import type { ClientPool } from '../client-pool';
import { serviceNameOf } from '../ecs/ecs-types';
import { fromAwsError } from '../errors';
import { CLOUDWATCH_METRICS, METRIC_TYPES, metricsOf } from './catalog';
import { fetchCall, MAX_DATAPOINTS, type PlannedQuery } from './fetch-call';
import { mergeLimit } from './merge-limit';
import { validateRequest, type ValidRequest } from './request';

/** CloudWatch's limit of queries in one GetMetricData call. */
export const MAX_QUERIES_PER_CALL = 500;
/** Calls in flight for one request: enough to hide latency, few enough not to be throttled. */
export const CALL_CONCURRENCY = 4;

/** What the metrics capability has sent, for benchmarks and diagnostics. */
export interface MetricCallStats {
  /** GetMetricData requests, each page counted. */
  calls: number;
  queries: number;
  datapoints: number;
}

export interface CloudWatchMetrics extends Metrics {
  stats(): MetricCallStats;
}

/**
 * Metrics from CloudWatch for EC2 instances and ECS services. A request becomes as few
 * GetMetricData calls as CloudWatch allows: up to 500 queries a call, and no more queries than
 * fill one 100,800-datapoint response, so a call is usually one page and its series stream out
 * as soon as it returns. Calls of one request run four at a time.
 */
export function cloudWatchMetrics(
  accounts: AccountDirectory,
  clients: ClientPool,
): CloudWatchMetrics {
  const stats: MetricCallStats = { calls: 0, queries: 0, datapoints: 0 };
  const counter = {
    onPage(datapoints: number) {
      stats.calls++;
      stats.datapoints += datapoints;
    },
  };
  return {
    types: METRIC_TYPES,
    metricsFor: metricsOf,
    stats: () => ({ ...stats }),
    async *fetch(scope: Scope, request: MetricRequest, options?: { signal?: AbortSignal }) {
      const valid = validateRequest(scope, request);
      if (valid.refs.length === 0 || valid.metrics.length === 0) return;
      const range = alignedRange(valid);
      if (range.start >= range.end) return;
      const queries = planQueries(valid);
      stats.queries += queries.length;
      const client = clients.cloudWatch(await accounts.byId(scope.account), scope.region);
      // Stops calls still running when the caller stops reading or aborts.
      const stop = new AbortController();
      // Each call in flight listens on it through several SDK layers: more than Node's leak
      // warning threshold of 10, by design, and gone with the fetch.
      setMaxListeners(64, stop.signal);
      const onAbort = () => stop.abort(options?.signal?.reason);
      options?.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const perCall = queriesPerCall(range);
        const calls = [];
        for (let i = 0; i < queries.length; i += perCall) {
          const batch = queries.slice(i, i + perCall).map((planned, index) => ({
            ...planned,
            query: { ...planned.query, Id: `q${index}` },
          }));
          calls.push(async function* () {
            try {
              yield* fetchCall(client, batch, range, counter, stop.signal);
            } catch (error) {
              stop.abort(); // one failed call fails the request: stop the others now
              throw error;
            }
          });
        }
        yield* mergeLimit(calls, CALL_CONCURRENCY);
      } catch (error) {
        if (options?.signal?.aborted) throw options.signal.reason;
        throw fromAwsError(error, `Reading CloudWatch metrics in ${scope.account}/${scope.region}`);
      } finally {
        options?.signal?.removeEventListener('abort', onAbort);
        stop.abort();
      }
    },
  };
}

/**
 * The range CloudWatch is asked for: the start moved up to a period boundary, so every point
 * it reports (at start + k·period) is aligned and inside [start, end).
 */
function alignedRange(request: ValidRequest) {
  const period = request.periodSeconds;
  const startSec = Math.ceil(request.start.getTime() / 1000 / period) * period;
  return {
    start: new Date(startSec * 1000),
    end: request.end,
    periodSeconds: period,
  };
}

/** As many queries as fit one full response, at most 500. */
function queriesPerCall(range: { start: Date; end: Date; periodSeconds: number }): number {
  const points = Math.ceil(
    (range.end.getTime() - range.start.getTime()) / 1000 / range.periodSeconds,
  );
  return Math.max(
    1,
    Math.min(MAX_QUERIES_PER_CALL, Math.floor(MAX_DATAPOINTS / Math.max(1, points))),
  );
}

function planQueries(request: ValidRequest): PlannedQuery[] {
  const planned: PlannedQuery[] = [];
  for (const ref of request.refs) {
    const dimensions = dimensionsOf(ref);
    const uid = resourceUid(ref);
    for (const metric of request.metrics) {
      const target = CLOUDWATCH_METRICS[ref.type]?.[metric];
      if (!target) continue; // validateRequest has refused these already
      planned.push({
        uid,
        metric,
        query: {
          Id: 'q',
          MetricStat: {
            Metric: {
              Namespace: target.namespace,
              MetricName: target.metricName,
              Dimensions: dimensions,
            },
            Period: request.periodSeconds,
            Stat: target.stat,
          },
          ReturnData: true,
        },
      });
    }
  }
  return planned;
}

function dimensionsOf(ref: ResourceRef): Dimension[] {
  if (ref.type === COMPUTE_TYPES.ecsService) {
    const { cluster, service } = serviceNameOf(ref);
    return [
      { Name: 'ClusterName', Value: cluster },
      { Name: 'ServiceName', Value: service },
    ];
  }
  return [{ Name: 'InstanceId', Value: ref.id }];
}
