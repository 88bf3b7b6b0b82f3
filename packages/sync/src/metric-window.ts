import { SYNC_METRIC_PERIOD_SECONDS, SYNC_METRIC_WINDOW_DAYS, type ResourceRef } from '@ccx/core';

/** A listed resource the metrics step fetches for. */
export interface MetricTarget {
  ref: ResourceRef;
  uid: string;
}

/** One `Metrics.fetch` of a job: these resources from `start` to the window's end. */
export interface MetricFetch {
  targets: MetricTarget[];
  /** Epoch seconds, on the period grid. */
  start: number;
}

export interface MetricWindow {
  /** Epoch seconds of the current period's start: the partial period in progress is not fetched. */
  end: number;
  /** `end` minus the window: what a resource with nothing stored needs, and what is kept. */
  keepAfter: number;
}

const PERIOD = SYNC_METRIC_PERIOD_SECONDS;

/** The synced window at `now`: whole periods up to the current one, 14 days back. */
export function metricWindow(now: Date): MetricWindow {
  const seconds = Math.floor(now.getTime() / 1000);
  const end = seconds - (seconds % PERIOD);
  return { end, keepAfter: end - SYNC_METRIC_WINDOW_DAYS * 86_400 };
}

/**
 * A split pays when it fetches at most this share of the points one fetch would: each fetch
 * costs at least one call, so two fetches must save a good part of the volume to be worth it.
 */
const SPLIT_WORTH = 0.5;

/**
 * Plans the fetches of one job. Each resource needs the points from its newest stored one (or
 * the window's start when it has none) to the end; a fetch serves many resources from the
 * oldest start among them, since providers batch resources that share a time range. One fetch
 * for all is the fewest calls; when a few resources need the whole window and the rest only
 * the last hours (new instances in an estate synced before), splitting them in two fetches
 * avoids fetching 14 days for everyone. The split point minimises the points fetched.
 */
export function planMetricFetches(
  targets: readonly MetricTarget[],
  latest: ReadonlyMap<string, number>,
  window: MetricWindow,
): MetricFetch[] {
  const starts = targets
    .map((target) => {
      const stored = latest.get(target.uid);
      // The newest stored point is fetched again: it may have been incomplete when stored.
      const start = stored === undefined ? window.keepAfter : Math.max(stored, window.keepAfter);
      return { target, start: start - (start % PERIOD) };
    })
    .filter(({ start }) => start < window.end)
    .sort((a, b) => a.start - b.start);
  if (starts.length === 0) return [];
  const span = (from: number): number => window.end - from;
  const oldest = starts[0]!.start;
  const single = starts.length * span(oldest);
  let best = { cost: single, at: 0 };
  for (let k = 1; k < starts.length; k += 1) {
    const cost = k * span(oldest) + (starts.length - k) * span(starts[k]!.start);
    if (cost < best.cost) best = { cost, at: k };
  }
  const all = starts.map(({ target }) => target);
  if (best.at === 0 || best.cost > SPLIT_WORTH * single) return [{ targets: all, start: oldest }];
  return [
    { targets: all.slice(0, best.at), start: oldest },
    { targets: all.slice(best.at), start: starts[best.at]!.start },
  ];
}
