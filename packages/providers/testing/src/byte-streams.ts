import { createHash } from 'node:crypto';
import type { ByteStream } from '@ccx/core';

/** Bytes of `text` as a stream of one chunk. */
export async function* streamOf(...parts: (string | Uint8Array)[]): ByteStream {
  for (const part of parts) {
    yield typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    await Promise.resolve();
  }
}

/**
 * A deterministic body of `size` bytes produced `chunk` bytes at a time, never held whole:
 * the generator makes each chunk when asked. `produced()` says how far the consumer pulled.
 */
export function generatedBody(
  size: number,
  chunk: number,
): { body: ByteStream; produced: () => number } {
  let produced = 0;
  async function* body(): ByteStream {
    while (produced < size) {
      const length = Math.min(chunk, size - produced);
      const bytes = Buffer.alloc(length);
      for (let i = 0; i < length; i++) bytes[i] = (produced + i) % 251;
      produced += length;
      yield bytes;
      await Promise.resolve();
    }
  }
  return { body: body(), produced: () => produced };
}

/** SHA-256 of the bytes `generatedBody(size, …)` produces, computed without holding them. */
export function generatedDigest(size: number): string {
  const hash = createHash('sha256');
  const block = Buffer.alloc(251 * 4096);
  for (let i = 0; i < block.length; i++) block[i] = i % 251;
  for (let offset = 0; offset < size; offset += block.length)
    hash.update(block.subarray(0, Math.min(block.length, size - offset)));
  return hash.digest('hex');
}

export async function readAll(body: ByteStream): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Digest and chunk count of a stream, reading it chunk by chunk. */
export async function digestOf(
  body: ByteStream,
): Promise<{ sha256: string; size: number; chunks: number }> {
  const hash = createHash('sha256');
  let size = 0;
  let chunks = 0;
  for await (const chunk of body) {
    hash.update(chunk);
    size += chunk.byteLength;
    chunks++;
  }
  return { sha256: hash.digest('hex'), size, chunks };
}
