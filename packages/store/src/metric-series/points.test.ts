import { describe, expect, it } from 'vitest';
import { decodeValues, HEADER_BYTES, VALUE_FORMAT } from './encoding';
import {
  MAX_POINTS_PER_SERIES,
  mergePoints,
  packedWidth,
  packValues,
  unpack,
  type IncomingPoints,
  type PackedPoints,
} from './points';
import { roundValue } from './round';

const HOUR = 3600;
const T = 1_764_000_000 - (1_764_000_000 % HOUR); // an hour boundary in November 2025

const packed = (start: number, values: (number | null)[], periodSeconds = HOUR): PackedPoints =>
  packValues(
    periodSeconds,
    start,
    values.map((value) => value ?? Number.NaN),
  );

/** The values of a packed series, null for gaps. */
const valuesOf = (points: PackedPoints): (number | null)[] =>
  Array.from(decodeValues(points.bytes, packedWidth(points)), (value) =>
    Number.isNaN(value) ? null : value,
  );

/** What a merge left, with gaps as null (as stored), or null when nothing is left. */
function merge(
  stored: PackedPoints | undefined,
  incoming: IncomingPoints,
  keepAfter = 0,
): {
  stored: { periodSeconds: number; start: number; values: (number | null)[] } | null;
  kept: number;
} {
  const result = mergePoints(stored, incoming, keepAfter);
  if (!result.packed) return { stored: null, kept: result.kept };
  const { periodSeconds, start } = result.packed;
  return {
    stored: { periodSeconds, start, values: valuesOf(result.packed) },
    kept: result.kept,
  };
}

const hourly = (timestamps: number[], values: number[]): IncomingPoints => ({
  periodSeconds: HOUR,
  timestamps,
  values,
});

describe('packed metric points', () => {
  it('rounds to four significant digits, as toPrecision(4) does', () => {
    expect(roundValue(12.34567)).toBe(12.35);
    expect(roundValue(33.333333)).toBe(33.33);
    expect(roundValue(1_234_567)).toBe(1_235_000);
    expect(roundValue(0.000123456)).toBe(0.0001235);
    expect(roundValue(-0.00001)).toBe(-0.00001);
    expect(roundValue(1e-30 * 1.23456)).toBe(1.235e-30);
    expect(Object.is(roundValue(-0), 0)).toBe(true);
    const samples = Array.from({ length: 5_000 }, (_, i) => Math.sin(i) * 10 ** ((i % 24) - 8));
    const differing = samples.filter(
      (value) => roundValue(value) !== (Number(value.toPrecision(4)) || 0),
    );
    expect(differing).toEqual([]);
  });

  it('packs incoming points densely, with null gaps at period spacing', () => {
    const result = merge(undefined, hourly([T, T + 3 * HOUR, T + HOUR], [1, 4, 2]));
    expect(result).toEqual({
      stored: { periodSeconds: HOUR, start: T, values: [1, 2, null, 4] },
      kept: 3,
    });
    expect(unpack(mergePoints(undefined, hourly([T, T + 3 * HOUR], [1, 4]), 0).packed!)).toEqual({
      timestamps: [T, T + 3 * HOUR],
      values: [1, 4],
    });
  });

  it('lets new values win, extends both ways and drops what falls before keepAfter', () => {
    const stored = packed(T, [1, 2, null, 4]);
    expect(merge(stored, hourly([T + HOUR, T + 5 * HOUR], [20, 60]), T + 1)).toEqual({
      stored: { periodSeconds: HOUR, start: T + HOUR, values: [20, null, 4, null, 60] },
      kept: 2,
    });
    expect(merge(stored, hourly([T - 2 * HOUR], [0])).stored).toEqual({
      periodSeconds: HOUR,
      start: T - 2 * HOUR,
      values: [0, null, 1, 2, null, 4],
    });
  });

  it('places timestamps off the grid in the period they fall in', () => {
    expect(merge(undefined, hourly([T + 59, T + HOUR + 3599], [1, 2])).stored).toEqual({
      periodSeconds: HOUR,
      start: T,
      values: [1, 2],
    });
  });

  it('replaces a stored series of another period, and trims gaps left at the ends', () => {
    expect(merge(packed(T, [1, 2, 3], 300), hourly([T + HOUR], [9])).stored).toEqual({
      periodSeconds: HOUR,
      start: T + HOUR,
      values: [9],
    });
    expect(merge(packed(T, [1, null, null, 4]), hourly([], []), T + HOUR).stored).toEqual({
      periodSeconds: HOUR,
      start: T + 3 * HOUR,
      values: [4],
    });
  });

  it('leaves nothing when every point is older than keepAfter', () => {
    expect(merge(packed(T, [1, 2]), hourly([T], [5]), T + 2 * HOUR)).toEqual({
      stored: null,
      kept: 0,
    });
  });

  it('keeps the newest part of a span longer than a row may hold', () => {
    const minutely = (timestamps: number[]): IncomingPoints => ({
      periodSeconds: 60,
      timestamps,
      values: timestamps.map((_, i) => i + 1),
    });
    expect(merge(undefined, minutely([0, T, T + 60]))).toEqual({
      stored: { periodSeconds: 60, start: T, values: [2, 3] },
      kept: 2,
    });
    const span = MAX_POINTS_PER_SERIES * 60;
    const wide = merge(undefined, minutely([T - span, T - span + 60, T])).stored;
    expect(wide?.values).toHaveLength(MAX_POINTS_PER_SERIES);
    expect(wide?.start).toBe(T - span + 60);
  });
});

describe('binary metric points', () => {
  it('stores four-digit values as Float32 and reads back the same doubles, at every magnitude', () => {
    const samples = Array.from({ length: 20_000 }, (_, i) => {
      const sign = i % 3 === 0 ? -1 : 1;
      return roundValue(sign * (1 + 8.99 * Math.abs(Math.sin(i * 7.3))) * 10 ** ((i % 58) - 29));
    });
    const points = packValues(60, 0, samples);
    expect(points.bytes[0]).toBe(VALUE_FORMAT.float32);
    expect(points.bytes.length).toBe(HEADER_BYTES + 4 * samples.length);
    expect(Array.from(decodeValues(points.bytes, 4))).toEqual(samples);
  });

  it('keeps a series holding a value beyond Float32 as Float64, whole', () => {
    const points = packValues(HOUR, T, [1.5, Number.NaN, 3e300, -1e-200]);
    expect(points.bytes[0]).toBe(VALUE_FORMAT.float64);
    expect(valuesOf(points)).toEqual([1.5, null, 3e300, -1e-200]);
    // A Float32 series that gets such a value is widened, its stored values unchanged.
    const narrow = packed(T, [33.33, 0.1234]);
    expect(packedWidth(narrow)).toBe(4);
    const result = merge(narrow, hourly([T + 2 * HOUR], [1e39]));
    expect(result.stored?.values).toEqual([33.33, 0.1234, 1e39]);
    expect(packedWidth(mergePoints(narrow, hourly([T + 2 * HOUR], [1e39]), 0).packed!)).toBe(8);
  });

  it('extends a series by copying its stored bytes, writing only the new values', () => {
    const stored = packValues(
      HOUR,
      T,
      Array.from({ length: 336 }, (_, i) => (i * 1.37) % 97),
    );
    const { packed: next } = mergePoints(
      stored,
      hourly([T + 335 * HOUR, T + 336 * HOUR, T + 337 * HOUR], [5, 6, 7]),
      T + 2 * HOUR,
    );
    expect(next?.start).toBe(T + 2 * HOUR);
    // The stored values from T + 2h to T + 334h are the very bytes that were stored.
    const kept = stored.bytes.subarray(HEADER_BYTES + 2 * 4, HEADER_BYTES + 335 * 4);
    expect(Buffer.compare(next!.bytes.subarray(HEADER_BYTES, HEADER_BYTES + 333 * 4), kept)).toBe(
      0,
    );
    expect(valuesOf(next!).slice(-3)).toEqual([5, 6, 7]);
  });

  it('reads bytes that start at any offset of their buffer', () => {
    const source = packValues(HOUR, T, [1.25, Number.NaN, 7]);
    const shifted = new Uint8Array(source.bytes.length + 3);
    shifted.set(source.bytes, 3);
    const view = { ...source, bytes: shifted.subarray(3) };
    expect(unpack(view)).toEqual({ timestamps: [T, T + 2 * HOUR], values: [1.25, 7] });
  });

  it('refuses to unpack a stored value that is not finite', () => {
    const bytes = Buffer.from(packValues(HOUR, T, [1, 2]).bytes);
    bytes.writeFloatLE(Number.POSITIVE_INFINITY, HEADER_BYTES + 4);
    expect(() => unpack({ periodSeconds: HOUR, start: T, bytes })).toThrow(RangeError);
  });
});
