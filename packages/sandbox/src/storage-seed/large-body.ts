import { createHash } from 'node:crypto';
import { crc32c, crc32cCombine, crc32cRepeated } from '../gcs/crc32c';

/**
 * Length of the pattern a large body repeats. Repetition is what makes the body's CRC-32C
 * (which GCS reports for every object) computable in O(log size) from the pattern's own CRC,
 * and any range a copy out of one small buffer; 64 KiB keeps both well under a millisecond.
 */
export const PATTERN_BYTES = 64 * 1024;

/** The part size the S3 ETag assumes: the AWS CLI's default `multipart_chunksize`. */
export const ETAG_PART_BYTES = 8 * 1024 * 1024;

/**
 * The bytes of a large seeded object (hundreds of MiB to GiB), never held whole: any range is
 * produced on its own, without the bytes before it, and the same (seed, size) always gives the
 * same bytes.
 */
export interface LargeBody {
  size: number;
  /** Bytes `start`…`endInclusive` (0 ≤ start ≤ end < size). */
  readRange: (start: number, endInclusive: number) => Buffer;
  /**
   * What S3 reports for an object uploaded in parts, quoted: `"<md5-hex>-<parts>"`. The hex is
   * derived from the seed, not from the bytes; clients treat a multipart ETag as opaque.
   */
  s3Etag: string;
  /** CRC-32C of the whole body, base64 of its four big-endian bytes (GCS `crc32c`). */
  crc32c: () => string;
}

/** One period of incompressible bytes (xorshift32 words), starting with `magic`. */
function pattern(seed: number, magic: Buffer): Buffer {
  const out = Buffer.allocUnsafe(PATTERN_BYTES);
  let x = seed >>> 0 || 0x9e3779b9;
  for (let i = 0; i < PATTERN_BYTES; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.writeUInt32LE(x >>> 0, i);
  }
  magic.copy(out);
  return out;
}

export function largeBody(seed: number, size: number, magic: Buffer): LargeBody {
  if (!Number.isSafeInteger(size) || size <= 0) throw new RangeError(`bad size ${size}`);
  const parts = Math.ceil(size / ETAG_PART_BYTES);
  const digest = createHash('md5').update(`ccx-sandbox-large/${seed}/${size}`).digest('hex');
  return {
    size,
    readRange: (start, endInclusive) => {
      if (!Number.isSafeInteger(start) || !Number.isSafeInteger(endInclusive))
        throw new RangeError('range bounds must be integers');
      if (start < 0 || start > endInclusive || endInclusive >= size)
        throw new RangeError(`range ${start}-${endInclusive} outside 0-${size - 1}`);
      const period = pattern(seed, magic);
      const out = Buffer.allocUnsafe(endInclusive - start + 1);
      let at = start % PATTERN_BYTES;
      for (let offset = 0; offset < out.length; at = 0) {
        offset += period.copy(out, offset, at, Math.min(PATTERN_BYTES, at + out.length - offset));
      }
      return out;
    },
    s3Etag: `"${digest}-${parts}"`,
    crc32c: () => {
      const period = pattern(seed, magic);
      const whole = Math.floor(size / PATTERN_BYTES);
      const tail = size % PATTERN_BYTES;
      const crc = crc32cCombine(
        crc32cRepeated(crc32c(period), PATTERN_BYTES, whole),
        crc32c(period.subarray(0, tail)),
        tail,
      );
      const bytes = Buffer.alloc(4);
      bytes.writeUInt32BE(crc);
      return bytes.toString('base64');
    },
  };
}
