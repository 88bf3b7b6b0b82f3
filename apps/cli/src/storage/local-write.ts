import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ByteStream } from '@ccx/core';
import type { OutputStream } from '../context';

/**
 * Streams `body` into `path` through a hidden temporary file beside it, renamed into place only
 * when the whole body arrived: an interrupted download never leaves a truncated file under
 * the real name. Returns the bytes written.
 */
export async function writeToFile(
  body: ByteStream,
  path: string,
  onProgress: (bytes: number) => void,
): Promise<number> {
  const partial = join(dirname(path), `.ccx-partial-${randomBytes(6).toString('hex')}`);
  let written = 0;
  try {
    await pipeline(
      Readable.from(counting(body, (bytes) => (written = bytes), onProgress)),
      createWriteStream(partial, { flags: 'wx' }),
    );
    await rename(partial, path);
    return written;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** Streams `body` to an output that stays open (stdout), honouring its backpressure. */
export async function writeToStream(
  body: ByteStream,
  stream: OutputStream,
  onProgress: (bytes: number) => void,
): Promise<number> {
  let written = 0;
  await pipeline(Readable.from(counting(body, (bytes) => (written = bytes), onProgress)), stream, {
    end: false,
  });
  return written;
}

async function* counting(
  body: ByteStream,
  record: (bytes: number) => void,
  onProgress: (bytes: number) => void,
): AsyncIterable<Uint8Array> {
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    record(total);
    onProgress(total);
    yield chunk;
  }
}
