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
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const rank = ((sorted.length - 1) * Math.min(100, Math.max(0, p))) / 100;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low]!;
  const b = sorted[high]!;
  return a + (rank - low) * (b - a);
}

/** The points of `series` with a timestamp in [from, to). */
export function windowOf(series: Series, from: number, to: number): Series {
  const timestamps: number[] = [];
  const values: number[] = [];
  const n = Math.min(series.timestamps.length, series.values.length);
  for (let i = 0; i < n; i += 1) {
    const at = series.timestamps[i]!;
    const value = series.values[i]!;
    if (at >= from && at < to && Number.isFinite(value)) {
      timestamps.push(at);
      values.push(value);
    }
  }
  return { timestamps, values, periodSeconds: series.periodSeconds };
}

/** Share (0–1) of the window's periods that hold a point. */
export function coverage(series: Series, windowSeconds: number): number {
  if (windowSeconds <= 0 || series.periodSeconds <= 0) return 0;
  const expected = Math.floor(windowSeconds / series.periodSeconds);
  return expected === 0 ? 0 : Math.min(1, new Set(series.timestamps).size / expected);
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
