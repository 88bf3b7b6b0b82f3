import { Readable } from 'node:stream';

/** Bytes produced per read: large enough for throughput, small enough to keep memory flat. */
export const STREAM_CHUNK_BYTES = 1024 * 1024;

/**
 * Bytes `start`…`endInclusive` of a large object as a stream, one chunk per `read()`, so a
 * slow client holds the producer back (backpressure) and at most a few chunks are in memory.
 */
export function rangeStream(
  readRange: (start: number, endInclusive: number) => Buffer,
  start: number,
  endInclusive: number,
): Readable {
  let next = start;
  return new Readable({
    highWaterMark: STREAM_CHUNK_BYTES,
    read() {
      if (next > endInclusive) {
        this.push(null);
        return;
      }
      const last = Math.min(endInclusive, next + STREAM_CHUNK_BYTES - 1);
      const chunk = readRange(next, last);
      next = last + 1;
      this.push(chunk);
    },
  });
}
