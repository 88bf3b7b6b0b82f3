import type { MetricName } from '../compute/metrics';
import type { ResourceRef } from '../model/resource';
import type { Scope } from '../model/scope';

/** One batched request: many resources of one scope × many metrics, one period. */
export interface MetricRequest {
  /** Resources of one type, all in the scope passed alongside. */
  refs: readonly ResourceRef[];
  metrics: readonly MetricName[];
  start: Date;
  end: Date;
  /** 60, 300, 3600 or 86400. */
  periodSeconds: number;
}

/** One resource's series of one metric; points ascending, gaps simply absent. */
export interface MetricSeries {
  /** `resourceUid` of the resource. */
  uid: string;
  metric: MetricName;
  periodSeconds: number;
  /** Epoch seconds of each point's period start. */
  timestamps: number[];
  values: number[];
}

/**
 * Metrics, fetched in batches (CloudWatch GetMetricData: up to 500 queries a call; Azure
 * Monitor: many metrics of a region's resources a call) — never one call per resource. A
 * series is yielded whole, after any paging it needed.
 */
export interface Metrics {
  /** Resource types with metrics, and which metrics each has. */
  readonly types: readonly string[];
  metricsFor(type: string): readonly MetricName[];
  fetch(
    scope: Scope,
    request: MetricRequest,
    options?: { signal?: AbortSignal },
  ): AsyncIterable<MetricSeries>;
}
