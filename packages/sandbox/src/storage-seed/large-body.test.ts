import { describe, expect, it } from 'vitest';
import { objectHashes } from '../gcs/crc32c';
import { ETAG_PART_BYTES, largeBody, PATTERN_BYTES } from './large-body';

const MAGIC = Buffer.from('PAR1', 'latin1');

describe('largeBody', () => {
  it('gives any range the same bytes as the whole, and the same bytes for the same seed', () => {
    const size = 3 * PATTERN_BYTES + 1234;
    const body = largeBody(11, size, MAGIC);
    const whole = body.readRange(0, size - 1);
    expect(whole.subarray(0, 4).toString('latin1')).toBe('PAR1');
    for (const [start, end] of [
      [0, 0],
      [5, PATTERN_BYTES + 9],
      [PATTERN_BYTES - 1, 2 * PATTERN_BYTES],
      [size - 1234, size - 1],
      [17, size - 1],
    ] as const)
      expect(body.readRange(start, end).equals(whole.subarray(start, end + 1))).toBe(true);
    expect(
      largeBody(11, size, MAGIC)
        .readRange(0, size - 1)
        .equals(whole),
    ).toBe(true);
    expect(
      largeBody(12, size, MAGIC)
        .readRange(0, size - 1)
        .equals(whole),
    ).toBe(false);
  });

  it('reports the CRC-32C of its bytes without reading them', () => {
    for (const size of [PATTERN_BYTES, 5 * PATTERN_BYTES + 77, 100]) {
      const body = largeBody(3, size, MAGIC);
      expect(body.crc32c()).toBe(objectHashes(body.readRange(0, size - 1)).crc32c);
    }
    // 4 GiB − 1: past 2³¹, where shifting a length would overflow.
    expect(largeBody(3, 2 ** 32 - 1, MAGIC).crc32c()).toMatch(/^[A-Za-z0-9+/]{6}==$/);
  });

  it('reads a range near the end of a 4 GiB body at once', () => {
    const size = 4 * 1024 ** 3 - 7;
    const body = largeBody(5, size, MAGIC);
    const tail = body.readRange(size - 100, size - 1);
    const start = size - 100;
    expect(tail.equals(body.readRange(start % PATTERN_BYTES, (start % PATTERN_BYTES) + 99))).toBe(
      true,
    );
  });

  it('carries an S3 multipart ETag with one part per 8 MiB', () => {
    const body = largeBody(9, 3 * ETAG_PART_BYTES + 1, MAGIC);
    expect(body.s3Etag).toMatch(/^"[0-9a-f]{32}-4"$/);
  });

  it('refuses ranges outside the body', () => {
    const body = largeBody(1, 1000, MAGIC);
    expect(() => body.readRange(-1, 10)).toThrow(RangeError);
    expect(() => body.readRange(10, 1000)).toThrow(RangeError);
    expect(() => body.readRange(20, 10)).toThrow(RangeError);
    expect(() => largeBody(1, 0, MAGIC)).toThrow(RangeError);
  });
});
