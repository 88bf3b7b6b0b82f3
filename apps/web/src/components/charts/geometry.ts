/**
 * Geometry of the hand-written SVG charts: scales, gap-aware paths and axis ticks. Pure
 * functions, so the drawing rules (where a line breaks, how high the axis goes) are tested
 * without a browser.
 */

export interface SeriesPoints {
  /** Epoch seconds, ascending. */
  timestamps: readonly number[];
  values: readonly number[];
}

export interface PlotArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Plotted {
  /** One SVG path per unbroken run of points. */
  paths: string[];
  /** Runs of a single point, which a path cannot show: drawn as dots. */
  dots: { x: number; y: number }[];
}

/**
 * Index runs with no gap inside: a point more than 1.5 periods after the one before starts a
 * new run, so a missing hour is a break in the line rather than a straight interpolation.
 * Points that are not finite numbers are gaps too.
 */
export function unbrokenRuns(series: SeriesPoints, periodSeconds: number): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  let previous: number | null = null;
  const count = Math.min(series.timestamps.length, series.values.length);
  for (let index = 0; index < count; index += 1) {
    const time = series.timestamps[index] ?? NaN;
    const value = series.values[index] ?? NaN;
    if (!Number.isFinite(time) || !Number.isFinite(value)) {
      if (run.length > 0) runs.push(run);
      run = [];
      previous = null;
      continue;
    }
    if (previous !== null && time - previous > periodSeconds * 1.5 && run.length > 0) {
      runs.push(run);
      run = [];
    }
    run.push(index);
    previous = time;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** Maps `[d0, d1]` onto `[r0, r1]`; a zero-width domain maps to the middle of the range. */
export function linearScale(
  [d0, d1]: readonly [number, number],
  [r0, r1]: readonly [number, number],
): (value: number) => number {
  if (d1 === d0) return () => (r0 + r1) / 2;
  const factor = (r1 - r0) / (d1 - d0);
  return (value) => r0 + (value - d0) * factor;
}

/** The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `value`: an axis top a reader can use. */
export function niceCeiling(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const candidate = step * magnitude;
    if (candidate >= value * (1 - 1e-9)) return candidate;
  }
  return 10 * magnitude;
}

/**
 * `niceCeiling` in binary units, for byte axes: 190 MiB tops at 200 MiB rather than at
 * 200,000,000 bytes, which reads as 190.7 MiB.
 */
export function niceBinaryCeiling(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  let scale = 1;
  while (value / scale >= 1024) scale *= 1024;
  return niceCeiling(value / scale) * scale;
}

/** The largest finite value of several series, or 0 when there is none. */
export function maxValue(series: readonly SeriesPoints[]): number {
  let max = 0;
  for (const { values } of series) {
    for (const value of values) if (Number.isFinite(value) && value > max) max = value;
  }
  return max;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Paths of one series in `area`, with time on x over `[start, end]` and `[0, yMax]` on y. */
export function plotSeries(
  series: SeriesPoints,
  options: { area: PlotArea; start: number; end: number; yMax: number; periodSeconds: number },
): Plotted {
  const { area } = options;
  const x = linearScale([options.start, options.end], [area.x, area.x + area.width]);
  const y = linearScale([0, options.yMax], [area.y + area.height, area.y]);
  const clampY = (value: number) => Math.max(area.y, Math.min(area.y + area.height, y(value)));
  const paths: string[] = [];
  const dots: { x: number; y: number }[] = [];
  for (const run of unbrokenRuns(series, options.periodSeconds)) {
    const points = run.map((index) => ({
      x: round(x(series.timestamps[index] ?? 0)),
      y: round(clampY(series.values[index] ?? 0)),
    }));
    if (points.length === 1 && points[0]) {
      dots.push(points[0]);
      continue;
    }
    paths.push(points.map((point, i) => `${i === 0 ? 'M' : 'L'}${point.x} ${point.y}`).join(' '));
  }
  return { paths, dots };
}

/** The index of the point nearest in time to `time`, or null for an empty series. */
export function nearestIndex(timestamps: readonly number[], time: number): number | null {
  if (timestamps.length === 0) return null;
  let low = 0;
  let high = timestamps.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((timestamps[middle] ?? 0) < time) low = middle + 1;
    else high = middle;
  }
  const before = low - 1;
  if (before >= 0 && time - (timestamps[before] ?? 0) <= (timestamps[low] ?? 0) - time)
    return before;
  return low;
}

export interface SeriesSummary {
  count: number;
  min: number;
  max: number;
  average: number;
  latest: number;
}

/** Min, max, average and latest of the finite values; null when there are none. */
export function summarize(values: readonly number[]): SeriesSummary | null {
  const finite = values.filter((value) => Number.isFinite(value));
  if (finite.length === 0) return null;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const value of finite) {
    sum += value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return {
    count: finite.length,
    min,
    max,
    average: sum / finite.length,
    latest: finite.at(-1) ?? 0,
  };
}
