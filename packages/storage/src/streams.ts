import type { ByteStream } from '@ccx/core';

/**
 * Passes `body` through unchanged, reporting the running byte count after each chunk. Breaking
 * out of the returned iterable returns the source's iterator too, so the underlying stream is
 * destroyed and the transfer aborted.
 */
export async function* countBytes(
  body: ByteStream,
  onProgress: (bytes: number) => void,
): ByteStream {
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    onProgress(total);
    yield chunk;
  }
}

/**
 * Reads at most `limit` bytes from the front of `body` and stops the stream there. Providers
 * get a range request first; this is the guard for one that answers with more.
 */
export async function readPrefix(body: ByteStream, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    const room = limit - total;
    chunks.push(chunk.byteLength > room ? chunk.subarray(0, room) : chunk);
    total += Math.min(chunk.byteLength, room);
    if (total >= limit) break;
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
