import { roundValue } from './round';

/**
 * The stored bytes of a series' values: one format byte, then one little-endian IEEE float per
 * period, NaN where there is no point.
 *
 * Values are rounded to four significant digits before they are stored, and a Float32 keeps
 * such a value closely enough (7 digits) that rounding it again gives the same double back, at
 * half the bytes of a Float64: 14 days of hourly points are 1.3 kB, which PostgreSQL keeps
 * inline and SQLite packs three to a page. That holds for every magnitude a Float32 stores at
 * full precision; a series that gets a value outside FLOAT32_RANGE is stored as Float64, whole,
 * from then on (narrowing it back would mean reading every value of every merge).
 *
 * Reads and writes go through a DataView: it is little-endian on every platform, and a blob a
 * driver hands back may start at any byte offset, which typed arrays over it would not allow.
 */
export const VALUE_FORMAT = { float32: 1, float64: 2 } as const;

/** Bytes before the first value. */
export const HEADER_BYTES = 1;

export type ValueWidth = 4 | 8;

/** Magnitudes a Float32 holds to 7 significant digits (its normal range is 1.2e-38 to 3.4e38). */
const FLOAT32_RANGE = { min: 1e-30, max: 1e30 };

/** Whether a value, rounded to four digits, survives a Float32 and rounding back. */
export function fitsFloat32(value: number): boolean {
  const magnitude = Math.abs(value);
  return value === 0 || (magnitude >= FLOAT32_RANGE.min && magnitude <= FLOAT32_RANGE.max);
}

/** The value width of encoded bytes; null when they are not of a known format and length. */
export function widthOf(bytes: Uint8Array): ValueWidth | null {
  const width =
    bytes[0] === VALUE_FORMAT.float32 ? 4 : bytes[0] === VALUE_FORMAT.float64 ? 8 : null;
  if (width === null || (bytes.length - HEADER_BYTES) % width !== 0) return null;
  return width;
}

/** Values in encoded bytes whose format was checked by `widthOf`. */
export function valueCount(bytes: Uint8Array, width: ValueWidth): number {
  return (bytes.length - HEADER_BYTES) / width;
}

export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The value at `index` as stored (a Float32 not yet rounded back), NaN for a gap. */
export function readValue(view: DataView, width: ValueWidth, index: number): number {
  const offset = HEADER_BYTES + index * width;
  return width === 4 ? view.getFloat32(offset, true) : view.getFloat64(offset, true);
}

export function writeValue(view: DataView, width: ValueWidth, index: number, value: number): void {
  const offset = HEADER_BYTES + index * width;
  if (width === 4) view.setFloat32(offset, value, true);
  else view.setFloat64(offset, value, true);
}

/** Room for `count` values of `width`, with the format byte set and the values unset. */
export function allocateValues(count: number, width: ValueWidth): Uint8Array {
  // Buffer, not Uint8Array: the PostgreSQL driver sends a Buffer as bytea as it is.
  const bytes = Buffer.allocUnsafe(HEADER_BYTES + count * width);
  bytes[0] = width === 4 ? VALUE_FORMAT.float32 : VALUE_FORMAT.float64;
  return bytes;
}

/**
 * Encodes values already rounded to four digits, NaN for gaps, in the narrowest width that
 * holds them (and at least `atLeast`).
 */
export function encodeValues(values: ArrayLike<number>, atLeast: ValueWidth = 4): Uint8Array {
  let width: ValueWidth = atLeast;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i]!;
    if (!Number.isNaN(value) && !fitsFloat32(value)) width = 8;
  }
  const bytes = allocateValues(values.length, width);
  const view = viewOf(bytes);
  for (let i = 0; i < values.length; i += 1) writeValue(view, width, i, values[i]!);
  return bytes;
}

/**
 * The values of encoded bytes as doubles, NaN for gaps; Float32 values are rounded back to the
 * four-digit doubles they were written from.
 */
export function decodeValues(bytes: Uint8Array, width: ValueWidth): Float64Array {
  const view = viewOf(bytes);
  const values = new Float64Array(valueCount(bytes, width));
  for (let i = 0; i < values.length; i += 1) {
    const value = readValue(view, width, i);
    values[i] = width === 4 && !Number.isNaN(value) ? roundValue(value) : value;
  }
  return values;
}
