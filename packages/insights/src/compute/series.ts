/**
 * A metric series as the insights read it: epoch-second timestamps of each period's start,
 * values alongside, ascending, gaps simply absent.
 */
export interface Series {
  timestamps: readonly number[];
  values: readonly number[];
  periodSeconds: number;
}

/**
 * The p-th percentile (0–100) by linear interpolation between closest ranks (the definition of
 * NumPy's default and of spreadsheet PERCENTILE.INC): rank h = (n − 1)·p/100, value =
 * x⌊h⌋ + (h − ⌊h⌋)(x⌈h⌉ − x⌊h⌋). Null for an empty input. Non-finite values are ignored.
 */
export function percentile(values: readonly number[], p: number): number | null {
  // A typed copy sorts numerically without a comparator call per pair (tens of thousands of
  // series are ranked per analysis pass).
  const sorted = new Float64Array(values.length);
  let n = 0;
  for (const value of values) if (Number.isFinite(value)) sorted[n++] = value;
  if (n === 0) return null;
  const ranked = sorted.subarray(0, n).sort();
  const rank = ((n - 1) * Math.min(100, Math.max(0, p))) / 100;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = ranked[low]!;
  const b = ranked[high]!;
  return a + (rank - low) * (b - a);
}

/** First index whose timestamp is at or after `at` (timestamps ascend). */
function lowerBound(timestamps: readonly number[], at: number): number {
  let low = 0;
  let high = timestamps.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (timestamps[middle]! < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The points of `series` with a timestamp in [from, to), without non-finite values. Relies on
 * ascending timestamps (the `MetricSeries` contract): the window is two binary searches and a
 * slice, which matters when every resource's series is cut several times per pass.
 */
export function windowOf(series: Series, from: number, to: number): Series {
  const n = Math.min(series.timestamps.length, series.values.length);
  const all = series.timestamps.length === n ? series.timestamps : series.timestamps.slice(0, n);
  const start = lowerBound(all, from);
  const end = Math.max(start, lowerBound(all, to));
  let timestamps = all.slice(start, end);
  let values = series.values.slice(start, end);
  if (!values.every((value) => Number.isFinite(value))) {
    const keep = values.map((value) => Number.isFinite(value));
    timestamps = timestamps.filter((_, i) => keep[i]);
    values = values.filter((_, i) => keep[i]);
  }
  return { timestamps, values, periodSeconds: series.periodSeconds };
}

/** Share (0–1) of the window's periods that hold a point. */
export function coverage(series: Series, windowSeconds: number): number {
  if (windowSeconds <= 0 || series.periodSeconds <= 0) return 0;
  const expected = Math.floor(windowSeconds / series.periodSeconds);
  if (expected === 0) return 0;
  // Timestamps ascend, so a repeated period is always next to its twin.
  let distinct = 0;
  series.timestamps.forEach((at, i) => {
    if (i === 0 || at !== series.timestamps[i - 1]) distinct += 1;
  });
  return Math.min(1, distinct / expected);
}

/** Seconds between the first point's start and the last point's end. */
export function spanSeconds(series: Series): number {
  const n = series.timestamps.length;
  if (n === 0) return 0;
  return series.timestamps[n - 1]! - series.timestamps[0]! + series.periodSeconds;
}

const DAY = 86_400;

/** The p-th percentile of each UTC day that has points, for a chart of the evidence. */
export function dailyPercentiles(
  series: Series,
  p: number,
): { day: string; value: number; points: number }[] {
  const byDay = new Map<number, number[]>();
  series.timestamps.forEach((at, i) => {
    const day = Math.floor(at / DAY);
    const bucket = byDay.get(day) ?? [];
    bucket.push(series.values[i]!);
    byDay.set(day, bucket);
  });
  return [...byDay.entries()]
    .sort(([a], [b]) => a - b)
    .map(([day, values]) => ({
      day: new Date(day * DAY * 1000).toISOString().slice(0, 10),
      value: roundTo(percentile(values, p)!, 3),
      points: values.length,
    }));
}

/** Sums of a byte-counting series per UTC day. */
export function dailySums(series: Series): Map<number, number> {
  const sums = new Map<number, number>();
  series.timestamps.forEach((at, i) => {
    const day = Math.floor(at / DAY);
    sums.set(day, (sums.get(day) ?? 0) + series.values[i]!);
  });
  return sums;
}

export function roundTo(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}
