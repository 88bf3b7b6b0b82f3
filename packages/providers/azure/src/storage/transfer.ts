import { Readable } from 'node:stream';
import type { BlockBlobClient, BlobClient } from '@azure/storage-blob';
import {
  CcxError,
  type ByteStream,
  type GetObjectOptions,
  type ObjectInfo,
  type PutObjectOptions,
} from '@ccx/core';
import { metadataFor } from './names';
import { objectInfo, totalSizeFromRange } from './object-info';
import { accessTier } from './tiers';

/** Block size of a streamed upload: memory held is about this times the concurrency. */
export const UPLOAD_BLOCK_BYTES = 8 * 1024 * 1024;
const UPLOAD_CONCURRENCY = 4;
/** At or below this declared size a body is sent in one Put Blob instead of blocks. */
export const SINGLE_PUT_MAX_BYTES = UPLOAD_BLOCK_BYTES;

/** Reads a body of a declared small size whole; more or fewer bytes than declared is an error. */
async function readDeclared(body: ByteStream, size: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let received = 0;
  for await (const chunk of body) {
    received += chunk.byteLength;
    if (received > size) break;
    chunks.push(chunk);
  }
  if (received !== size)
    throw new CcxError(
      'invalid_input',
      `The body is ${received > size ? 'longer' : 'shorter'} than the declared ${size} bytes`,
    );
  return Buffer.concat(chunks, size);
}

/**
 * Uploads `body` as a block blob. A body of known small size goes up in one request; anything
 * else streams through `uploadStream`, which stages blocks as they fill and commits the list at
 * the end, so an upload of any size holds a bounded number of blocks in memory. Progress is
 * reported per request or block.
 */
export async function uploadBlob(
  blob: BlockBlobClient,
  body: ByteStream,
  options: PutObjectOptions,
): Promise<void> {
  const common = {
    blobHTTPHeaders: options.contentType ? { blobContentType: options.contentType } : undefined,
    metadata: metadataFor(options.metadata),
    tier: options.storageClass === undefined ? undefined : accessTier(options.storageClass),
    abortSignal: options.signal,
    onProgress: options.onProgress
      ? (event: { loadedBytes: number }) => options.onProgress?.(event.loadedBytes)
      : undefined,
  };
  if (options.size !== undefined && options.size <= SINGLE_PUT_MAX_BYTES) {
    const buffer = await readDeclared(body, options.size);
    await blob.upload(buffer, buffer.length, common);
    options.onProgress?.(buffer.length);
    return;
  }
  const stream = body instanceof Readable ? body : Readable.from(body, { objectMode: false });
  await blob.uploadStream(stream, UPLOAD_BLOCK_BYTES, UPLOAD_CONCURRENCY, common);
}

/**
 * Starts a download and hands the SDK's Node stream over as the body, so bytes flow as the
 * consumer reads them; the SDK resumes an interrupted body by itself. `info.size` is the whole
 * blob's size even for a range (from Content-Range).
 */
export async function downloadBlob(
  blob: BlobClient,
  key: string,
  options: GetObjectOptions,
  tagsOf: (tagCount: number | undefined) => Promise<Record<string, string>>,
): Promise<{ info: ObjectInfo; body: ByteStream }> {
  const range = options.range;
  if (range && (range.start < 0 || range.end < range.start))
    throw new CcxError('invalid_input', 'The byte range must have 0 ≤ start ≤ end');
  const response = await blob.download(
    range?.start ?? 0,
    range ? range.end - range.start + 1 : undefined,
    { abortSignal: options.signal, maxRetryRequests: 3 },
  );
  const body = response.readableStreamBody;
  if (!body) throw new CcxError('internal', 'The Azure SDK returned no Node stream for a download');
  let tags: Record<string, string>;
  try {
    tags = await tagsOf(response.tagCount);
  } catch (error) {
    (body as Readable).destroy();
    throw error;
  }
  const size = totalSizeFromRange(response.contentRange) ?? response.contentLength ?? 0;
  return { info: objectInfo(key, response, tags, size), body: body as Readable };
}
