/**
 * The compact form of one stored series and the arithmetic of merging into it. Pure, so the
 * edge cases (grids, gaps, windows, period changes, value widths) are tested without a database.
 */
import {
  allocateValues,
  decodeValues,
  encodeValues,
  fitsFloat32,
  HEADER_BYTES,
  readValue,
  valueCount,
  viewOf,
  widthOf,
  writeValue,
  type ValueWidth,
} from './encoding';
import { roundValue } from './round';

/**
 * The longest span one row may cover: 14 days of one-minute points. A merge that would span
 * more keeps the newest part, so a stray timestamp years away cannot blow a row up.
 */
export const MAX_POINTS_PER_SERIES = 20_160;

/**
 * Values at `periodSeconds` spacing from `start`, encoded as stored (see `encoding.ts`): a
 * merge copies the stored bytes it keeps and writes only the incoming values, so extending a
 * series by a few points never decodes the rest.
 */
export interface PackedPoints {
  periodSeconds: number;
  /** Epoch seconds of the first value, which is never a gap (nor is the last). */
  start: number;
  /** The format byte and the values; its width was checked when the row was read. */
  bytes: Uint8Array;
}

export interface IncomingPoints {
  periodSeconds: number;
  timestamps: readonly number[];
  values: readonly number[];
}

/** Width of the values of a packed series (checked when it was read or made). */
export function packedWidth(packed: PackedPoints): ValueWidth {
  const width = widthOf(packed.bytes);
  if (width === null) throw new RangeError('Packed points of an unknown format');
  return width;
}

/** Periods a packed series spans, gaps included. */
export function packedLength(packed: PackedPoints): number {
  return valueCount(packed.bytes, packedWidth(packed));
}

/** Epoch second of the newest point of a packed series. */
export function packedEnd(packed: PackedPoints): number {
  return packed.start + (packedLength(packed) - 1) * packed.periodSeconds;
}

/** Packs values (NaN for gaps) from `start`, rounding them as a merge does. */
export function packValues(
  periodSeconds: number,
  start: number,
  values: ArrayLike<number>,
): PackedPoints {
  const rounded = Float64Array.from(values, (value) =>
    Number.isNaN(value) ? value : roundValue(value),
  );
  return { periodSeconds, start, bytes: encodeValues(rounded) };
}

/** The period start a timestamp falls in, on the epoch grid of the period. */
function floorToGrid(seconds: number, period: number): number {
  const remainder = seconds % period;
  return remainder >= 0 ? seconds - remainder : seconds - remainder - period;
}

/**
 * The slot of each incoming timestamp, computed once per merge and reused across merges (a
 * sync merges tens of thousands of series of hundreds of points, one after the other).
 */
let slotScratch = new Float64Array(1024);

function slotsOf(timestamps: readonly number[], period: number): Float64Array {
  if (slotScratch.length < timestamps.length) {
    slotScratch = new Float64Array(Math.max(timestamps.length, 2 * slotScratch.length));
  }
  const slots = slotScratch;
  for (let i = 0; i < timestamps.length; i += 1) slots[i] = floorToGrid(timestamps[i]!, period);
  return slots;
}

/**
 * Merges incoming points into a stored series. Incoming values win for the same period; points
 * before `keepAfter` are dropped; a stored series of another period is replaced, since its
 * points cannot be placed on the new grid. Resolves with null when no point is left, and with
 * the number of incoming points the result holds.
 *
 * The stored values that stay are copied as bytes, and only the incoming ones are encoded, so
 * the usual incremental merge (a few new hours at the end, the oldest ones falling out of the
 * window) costs a copy of the row, not a decode and an encode of every point.
 */
export function mergePoints(
  stored: PackedPoints | undefined,
  incoming: IncomingPoints,
  keepAfter: number,
): { packed: PackedPoints | null; kept: number } {
  const period = incoming.periodSeconds;
  let base = stored?.periodSeconds === period ? stored : undefined;
  const first = floorToGrid(keepAfter, period) + (keepAfter % period === 0 ? 0 : period);
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  if (base) {
    low = Math.max(base.start, first);
    high = packedEnd(base);
  }
  let wide = false;
  const { timestamps, values: incomingValues } = incoming;
  const slots = slotsOf(timestamps, period);
  for (let i = 0; i < timestamps.length; i += 1) {
    const slot = slots[i]!;
    if (slot < first) continue;
    if (slot < low) low = slot;
    if (slot > high) high = slot;
    if (!wide && !fitsFloat32(incomingValues[i]!)) wide = true;
  }
  if (!(low <= high)) return { packed: null, kept: 0 };
  low = Math.max(low, high - (MAX_POINTS_PER_SERIES - 1) * period);

  let width: ValueWidth = wide ? 8 : 4;
  if (base) {
    const baseWidth = packedWidth(base);
    if (baseWidth === 8) width = 8;
    // Rare: a Float32 series gets a value only a Float64 holds, so all of it is widened.
    else if (width === 8) base = { ...base, bytes: widen(base.bytes) };
  }
  const count = (high - low) / period + 1;
  const bytes = allocateValues(count, width);
  const view = viewOf(bytes);
  // Slots [copiedFrom, copiedTo) hold the stored bytes; the others start as gaps.
  let copiedFrom = count;
  let copiedTo = count;
  if (base) {
    const baseCount = packedLength(base);
    const skip = Math.max(0, (low - base.start) / period);
    if (skip < baseCount) {
      copiedFrom = (base.start - low) / period + skip;
      copiedTo = copiedFrom + baseCount - skip;
      bytes.set(
        base.bytes.subarray(HEADER_BYTES + skip * width, HEADER_BYTES + baseCount * width),
        HEADER_BYTES + copiedFrom * width,
      );
    }
  }
  for (let i = 0; i < copiedFrom; i += 1) writeValue(view, width, i, Number.NaN);
  for (let i = copiedTo; i < count; i += 1) writeValue(view, width, i, Number.NaN);

  let kept = 0;
  // One loop per width, so the hot one (Float32) has no branch on it per point.
  if (width === 4) {
    for (let i = 0; i < timestamps.length; i += 1) {
      const slot = slots[i]!;
      if (slot < low) continue;
      const offset = HEADER_BYTES + ((slot - low) / period) * 4;
      view.setFloat32(offset, roundValue(incomingValues[i]!), true);
      kept += 1;
    }
  } else {
    for (let i = 0; i < timestamps.length; i += 1) {
      const slot = slots[i]!;
      if (slot < low) continue;
      writeValue(view, width, (slot - low) / period, roundValue(incomingValues[i]!));
      kept += 1;
    }
  }
  return { packed: trimGaps({ periodSeconds: period, start: low, bytes }, width), kept };
}

/** The same values as Float64. */
function widen(bytes: Uint8Array): Uint8Array {
  return encodeValues(decodeValues(bytes, 4), 8);
}

/** Drops gaps at either end, so `start` and the last value are real points. */
function trimGaps(packed: PackedPoints, width: ValueWidth): PackedPoints | null {
  const view = viewOf(packed.bytes);
  const count = valueCount(packed.bytes, width);
  let from = 0;
  while (from < count && Number.isNaN(readValue(view, width, from))) from += 1;
  if (from === count) return null;
  let to = count;
  while (Number.isNaN(readValue(view, width, to - 1))) to -= 1;
  if (from === 0 && to === count) return packed;
  const bytes = allocateValues(to - from, width);
  bytes.set(
    packed.bytes.subarray(HEADER_BYTES + from * width, HEADER_BYTES + to * width),
    HEADER_BYTES,
  );
  return {
    periodSeconds: packed.periodSeconds,
    start: packed.start + from * packed.periodSeconds,
    bytes,
  };
}

/**
 * The provider-shaped series of a packed one: gaps absent. Throws a RangeError on a stored
 * value that is not finite, which no merge writes.
 */
export function unpack(packed: PackedPoints): { timestamps: number[]; values: number[] } {
  const decoded = decodeValues(packed.bytes, packedWidth(packed));
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < decoded.length; i += 1) {
    const value = decoded[i]!;
    if (Number.isNaN(value)) continue;
    if (!Number.isFinite(value))
      throw new RangeError('Packed points hold a value that is not finite');
    timestamps.push(packed.start + i * packed.periodSeconds);
    values.push(value);
  }
  return { timestamps, values };
}
