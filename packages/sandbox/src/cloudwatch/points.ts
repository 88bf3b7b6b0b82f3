import type { MetricResource } from './resources';

const DAY = 86_400;

/**
 * CloudWatch keeps 1-minute data 15 days, 5-minute data 63 days and hourly data 455 days. A
 * period too fine for a point's age has no data there (AWS returns nothing rather than an
 * error), and periods under a minute exist only for high-resolution custom metrics.
 */
export function oldestWithData(period: number, now: number): number {
  if (period < 60 || period % 60 !== 0) return Number.POSITIVE_INFINITY;
  if (period % 3600 === 0) return now - 455 * DAY;
  if (period % 300 === 0) return now - 63 * DAY;
  return now - 15 * DAY;
}

/**
 * AWS rounds a start time by its age — to the minute within 15 days, to 5 minutes within 63,
 * to the hour beyond — and reports periods from there.
 */
export function roundedStart(startTime: number, now: number): number {
  const age = now - startTime;
  const unit = age > 63 * DAY ? 3600 : age > 15 * DAY ? 300 : 60;
  return Math.floor(startTime / unit) * unit;
}

/**
 * The grid of one query: period starts `first + k·period` for k in [0, count), and the
 * contiguous run [lo, hi) of k that holds data — inside the resource's life, retention, and
 * the minute that has passed (a point appears once its first minute is in).
 */
export interface PointGrid {
  first: number;
  period: number;
  count: number;
  lo: number;
  hi: number;
}

export function pointGrid(
  resource: MetricResource | undefined,
  startTime: number,
  endTime: number,
  period: number,
  now: number,
): PointGrid {
  const first = roundedStart(startTime, now);
  const count = Math.max(0, Math.ceil((endTime - first) / period));
  if (!resource) return { first, period, count, lo: 0, hi: 0 };
  // Data starts at the period holding the resource's first minute and retention's edge.
  const from = Math.max(resource.from - period + 1, oldestWithData(period, now));
  const until = Math.min(resource.until ?? Number.POSITIVE_INFINITY, now - 59);
  const lo = Math.max(0, Math.ceil((from - first) / period));
  const hi = Math.min(count, Math.ceil((until - first) / period));
  return { first, period, count, lo, hi: Math.max(lo, hi) };
}

/** Grid points in scan order: position `i` of `hi - lo` counts from the newest when descending. */
export function pointAt(grid: PointGrid, position: number, descending: boolean): number {
  const k = descending ? grid.hi - 1 - position : grid.lo + position;
  return grid.first + k * grid.period;
}
