import {
  CcxError,
  invalidInput,
  type ByteStream,
  type ObjectInfo,
  type ObjectRef,
} from '@ccx/core';
import type { StorageCatalog } from './catalog';
import { portableMetadata } from './portable-metadata';
import { countBytes } from './streams';

export interface TransferOptions {
  mode: 'copy' | 'move';
  /** Bytes moved so far: read from the source when streamed, the whole size at once when server-side. */
  onProgress?: (bytes: number) => void;
  signal?: AbortSignal;
}

/**
 * Copies or moves one object. Inside one connection the provider copies server-side; across
 * connections (and clouds) the source's body is piped into the target's upload with its size
 * known, so nothing is buffered whole and no temporary file is written. The target keeps the
 * source's content type and metadata (renamed or encoded where the target's rules require, see
 * `portableMetadata`); its storage class is the target's default, because class names do not
 * carry across providers.
 *
 * A move deletes the source only once the target's HEAD shows the same size (and the same etag
 * where both are plain MD5 digests): whichever step fails, the source is still there.
 */
export async function transferObject(
  catalog: StorageCatalog,
  source: ObjectRef,
  target: ObjectRef,
  options: TransferOptions,
): Promise<ObjectInfo> {
  if (sameObject(source, target)) {
    throw invalidInput(`Source and target are the same object; nothing to ${options.mode}`);
  }
  if (target.versionId !== undefined) {
    throw invalidInput('A target cannot name a version: writing creates a new one');
  }
  const from = catalog.get(source.connection);
  const to = catalog.get(target.connection);
  options.signal?.throwIfAborted();
  const expected = await from.headObject(source);

  let written: ObjectInfo;
  if (source.connection === target.connection) {
    written = await from.copyObject(source, target);
    options.onProgress?.(expected.size);
  } else {
    const { info, body } = await from.getObject(source, { signal: options.signal });
    const targetProvider = catalog
      .list()
      .find((entry) => entry.name === target.connection)?.provider;
    written = await to.putObject(target, counted(body, options.onProgress), {
      size: info.size,
      ...(info.contentType === null ? {} : { contentType: info.contentType }),
      metadata: targetProvider ? portableMetadata(targetProvider, info.metadata) : info.metadata,
      signal: options.signal,
    });
  }
  if (options.mode === 'copy') return written;

  options.signal?.throwIfAborted();
  const landed = await to.headObject({ ...target, versionId: written.versionId ?? undefined });
  verifyLanded(expected, landed);
  options.signal?.throwIfAborted();
  const result = await from.deleteObjects(source, [
    source.versionId === undefined
      ? { key: source.key }
      : { key: source.key, versionId: source.versionId },
  ]);
  const failure = result.errors[0];
  if (failure !== undefined) {
    throw new CcxError(
      'provider_error',
      `Copied to the target, but the source could not be deleted (${failure.code}): both copies remain`,
      { details: { key: source.key, code: failure.code } },
    );
  }
  return landed;
}

function counted(body: ByteStream, onProgress?: (bytes: number) => void): ByteStream {
  return onProgress === undefined ? body : countBytes(body, onProgress);
}

function sameObject(a: ObjectRef, b: ObjectRef): boolean {
  return (
    a.connection === b.connection &&
    a.account === b.account &&
    a.bucket === b.bucket &&
    a.key === b.key
  );
}

const MD5_ETAG = /^"?([0-9a-f]{32})"?$/i;

/**
 * Etags are compared only when both sides are plain MD5 digests of the bytes: multipart etags
 * (`…-N`), GCS and Azure etags and KMS-encrypted S3 objects carry no content digest, and a
 * false mismatch would refuse a good move.
 */
function comparableEtags(a: ObjectInfo, b: ObjectInfo): [string, string] | null {
  const left = MD5_ETAG.exec(a.etag ?? '')?.[1];
  const right = MD5_ETAG.exec(b.etag ?? '')?.[1];
  if (left === undefined || right === undefined) return null;
  if (/kms/i.test(a.encryption ?? '') || /kms/i.test(b.encryption ?? '')) return null;
  return [left.toLowerCase(), right.toLowerCase()];
}

function verifyLanded(expected: ObjectInfo, landed: ObjectInfo): void {
  if (landed.size !== expected.size) {
    throw new CcxError(
      'provider_error',
      `The copy has ${landed.size} bytes where the source has ${expected.size}: the source was kept`,
      { details: { expected: expected.size, actual: landed.size } },
    );
  }
  const etags = comparableEtags(expected, landed);
  if (etags !== null && etags[0] !== etags[1]) {
    throw new CcxError(
      'provider_error',
      'The copy does not have the source content digest (etag): the source was kept',
      { details: { expected: etags[0], actual: etags[1] } },
    );
  }
}
