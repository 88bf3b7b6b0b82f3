import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type {
  ByteStream,
  GetObjectOptions,
  ObjectInfo,
  ObjectRef,
  PutObjectOptions,
} from '@ccx/core';
import { CcxError } from '@ccx/core';
import type { StorageClients } from './clients';
import { fromGcsError } from './errors';
import { mapObjectInfo } from './map-object';
import { fileOf } from './refs';

/** Above this (or when the size is unknown) an upload is resumable, in one streamed session. */
export const RESUMABLE_THRESHOLD = 8 * 1024 * 1024;

export async function headObject(clients: StorageClients, ref: ObjectRef): Promise<ObjectInfo> {
  try {
    const [metadata] = await fileOf(clients, ref).getMetadata();
    return mapObjectInfo(metadata);
  } catch (error) {
    throw fromGcsError(error, `Reading gs://${ref.bucket}/${ref.key}`);
  }
}

/**
 * Metadata first, then the bytes of exactly that generation: a concurrent overwrite cannot
 * hand back bytes that do not match the info. Errors on the stream surface as CcxErrors.
 */
export async function getObject(
  clients: StorageClients,
  ref: ObjectRef,
  options: GetObjectOptions = {},
): Promise<{ info: ObjectInfo; body: ByteStream }> {
  const info = await headObject(clients, ref);
  const pinned = fileOf(clients, { ...ref, versionId: info.versionId ?? undefined });
  const range = options.range;
  if (range && (range.start < 0 || range.end < range.start))
    throw new CcxError('invalid_input', 'A byte range needs 0 <= start <= end');
  const stream = pinned.createReadStream(
    range ? { start: range.start, end: range.end, validation: false } : {},
  );
  const signal = options.signal;
  if (signal) {
    const abort = () =>
      stream.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal.aborted) abort();
    else {
      signal.addEventListener('abort', abort, { once: true });
      // The signal may outlive this download (a whole bucket scan shares one): let go of it
      // with the stream, or every download of the scan leaves a listener behind.
      stream.once('close', () => signal.removeEventListener('abort', abort));
    }
  }
  async function* body(): AsyncIterable<Uint8Array> {
    try {
      for await (const chunk of stream) yield chunk as Uint8Array;
    } catch (error) {
      throw fromGcsError(error, `Downloading gs://${ref.bucket}/${ref.key}`);
    } finally {
      stream.destroy();
    }
  }
  return { info, body: body() };
}

/**
 * Streams `body` up. Small known sizes go in one multipart request; larger or unknown ones
 * through a resumable session opened by `createResumableUpload` (which authenticates even on
 * a custom endpoint, where `createWriteStream` alone would not) and then fed by
 * `createWriteStream({uri})`, whose session URI authorises the chunk PUTs as in GCS.
 */
export async function putObject(
  clients: StorageClients,
  ref: ObjectRef,
  body: ByteStream,
  options: PutObjectOptions = {},
): Promise<ObjectInfo> {
  const file = fileOf(clients, { ...ref, versionId: undefined });
  const metadata = (withLength: boolean) => ({
    ...(options.contentType ? { contentType: options.contentType } : {}),
    ...(options.metadata ? { metadata: { ...options.metadata } } : {}),
    ...(options.storageClass ? { storageClass: options.storageClass } : {}),
    ...(withLength && options.size !== undefined ? { contentLength: options.size } : {}),
  });
  const resumable = options.size === undefined || options.size > RESUMABLE_THRESHOLD;
  let sent = 0;
  async function* counted(): AsyncIterable<Uint8Array> {
    for await (const chunk of body) {
      sent += chunk.byteLength;
      options.onProgress?.(sent);
      yield chunk;
    }
  }
  try {
    let sink;
    if (resumable) {
      const [uri] = await file.createResumableUpload({ metadata: metadata(true) });
      sink = file.createWriteStream({ uri, resumable: true, metadata: metadata(true) });
    } else {
      sink = file.createWriteStream({ resumable: false, metadata: metadata(false) });
    }
    await pipeline(
      Readable.from(counted()),
      sink,
      options.signal ? { signal: options.signal } : {},
    );
    if (sent === 0) options.onProgress?.(0);
  } catch (error) {
    throw fromGcsError(error, `Uploading gs://${ref.bucket}/${ref.key}`);
  }
  return headObject(clients, { ...ref, versionId: undefined });
}
