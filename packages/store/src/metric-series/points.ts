/**
 * The compact form of one stored series and the arithmetic of merging into it. Pure, so the
 * edge cases (grids, gaps, windows, period changes) are tested without a database.
 */

/**
 * The longest span one row may cover: 14 days of one-minute points. A merge that would span
 * more keeps the newest part, so a stray timestamp years away cannot blow a row up.
 */
export const MAX_POINTS_PER_SERIES = 20_160;

/**
 * Values at `periodSeconds` spacing from `start`; NaN where there is no point (null in the
 * stored JSON). A typed array, because a sync merges millions of points and an array of
 * numbers and nulls would box every one of them.
 */
export interface PackedPoints {
  periodSeconds: number;
  /** Epoch seconds of the first value, which is never a gap (nor is the last). */
  start: number;
  values: Float64Array;
}

export interface IncomingPoints {
  periodSeconds: number;
  timestamps: readonly number[];
  values: readonly number[];
}

/** Epoch second of the newest point of a packed series. */
export function packedEnd(packed: PackedPoints): number {
  return packed.start + (packed.values.length - 1) * packed.periodSeconds;
}

/** Exact powers of ten (every one up to 1e22 is a double). */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * Four significant digits: more than a chart or a percentile needs, and compact as JSON.
 * Scaling by an exact power of ten and rounding gives the double nearest the 4-digit decimal
 * (what `toPrecision(4)` gives) at a fraction of its cost; magnitudes beyond the table fall
 * back to it.
 */
export function roundValue(value: number): number {
  if (value === 0) return 0;
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  const shift = 3 - exponent;
  let rounded: number;
  if (shift >= 0 && shift < POWERS_OF_TEN.length) {
    const scale = POWERS_OF_TEN[shift]!;
    rounded = Math.round(value * scale) / scale;
  } else if (shift < 0 && -shift < POWERS_OF_TEN.length) {
    const scale = POWERS_OF_TEN[-shift]!;
    rounded = Math.round(value / scale) * scale;
  } else {
    rounded = Number(value.toPrecision(4));
  }
  // -0 (a tiny negative rounded away) is stored as 0.
  return rounded === 0 ? 0 : rounded;
}

/** The period start a timestamp falls in, on the epoch grid of the period. */
function floorToGrid(seconds: number, period: number): number {
  return seconds - (((seconds % period) + period) % period);
}

/**
 * Merges incoming points into a stored series. Incoming values win for the same period; points
 * before `keepAfter` are dropped; a stored series of another period is replaced, since its
 * points cannot be placed on the new grid. Resolves with null when no point is left, and with
 * the number of incoming points the result holds.
 */
export function mergePoints(
  stored: PackedPoints | undefined,
  incoming: IncomingPoints,
  keepAfter: number,
): { packed: PackedPoints | null; kept: number } {
  const period = incoming.periodSeconds;
  const base = stored?.periodSeconds === period ? stored : undefined;
  const first = floorToGrid(keepAfter, period) + (keepAfter % period === 0 ? 0 : period);
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  if (base) {
    low = Math.max(base.start, first);
    high = packedEnd(base);
  }
  for (const timestamp of incoming.timestamps) {
    const slot = floorToGrid(timestamp, period);
    if (slot < first) continue;
    if (slot < low) low = slot;
    if (slot > high) high = slot;
  }
  if (!(low <= high)) return { packed: null, kept: 0 };
  low = Math.max(low, high - (MAX_POINTS_PER_SERIES - 1) * period);

  const values = new Float64Array((high - low) / period + 1).fill(Number.NaN);
  if (base) {
    const skip = Math.max(0, (low - base.start) / period);
    if (skip < base.values.length)
      values.set(base.values.subarray(skip), (base.start - low) / period + skip);
  }
  let kept = 0;
  const { timestamps } = incoming;
  for (let i = 0; i < timestamps.length; i += 1) {
    const slot = floorToGrid(timestamps[i]!, period);
    if (slot < low) continue;
    values[(slot - low) / period] = roundValue(incoming.values[i]!);
    kept += 1;
  }
  return { packed: trimGaps({ periodSeconds: period, start: low, values }), kept };
}

/** Drops gaps at either end, so `start` and the last value are real points. */
function trimGaps(packed: PackedPoints): PackedPoints | null {
  const { values } = packed;
  let from = 0;
  while (from < values.length && Number.isNaN(values[from])) from += 1;
  if (from === values.length) return null;
  let to = values.length;
  while (Number.isNaN(values[to - 1])) to -= 1;
  if (from === 0 && to === values.length) return packed;
  return {
    periodSeconds: packed.periodSeconds,
    start: packed.start + from * packed.periodSeconds,
    values: values.slice(from, to),
  };
}

/** The provider-shaped series of a packed one: gaps absent. */
export function unpack(packed: PackedPoints): { timestamps: number[]; values: number[] } {
  const timestamps: number[] = [];
  const values: number[] = [];
  packed.values.forEach((value, i) => {
    if (Number.isNaN(value)) return;
    timestamps.push(packed.start + i * packed.periodSeconds);
    values.push(value);
  });
  return { timestamps, values };
}

/**
 * The stored JSON: numbers, and null for gaps. `JSON.stringify` writes NaN as null, and a
 * plain array copied from a typed one holds unboxed doubles, which it serialises fastest.
 */
export function valuesToJson(values: Float64Array): string {
  return JSON.stringify(Array.from(values));
}
