import { createReadStream } from 'node:fs';
import { rm, stat, unlink } from 'node:fs/promises';
import { CcxError, formatStorageUri, invalidInput, type ObjectInfo } from '@ccx/core';
import type { StorageTarget } from '@ccx/storage';
import type { CliContext } from '../context';
import { showByteProgress } from './byte-progress';
import { inside, safeFileName } from './local-path';
import { isPrefixKey, lastSegment, locationOf, type Location } from './location';
import { writeToFile, writeToStream } from './local-write';
import { resolveObject } from './resolve';
import type { StorageSession } from './session';

export interface CopyRequest {
  source: string;
  target: string;
  mode: 'copy' | 'move';
  fromConnection?: string;
  toConnection?: string;
}

/** What a copy produced: an object in a bucket, a local file, or bytes written to stdout. */
export type CopyResult =
  | { kind: 'object'; uri: string; info: ObjectInfo }
  | { kind: 'file'; path: string; size: number }
  | { kind: 'stdout'; size: number };

/**
 * `cp` and `mv` between any two of: a cloud object, a local file, stdin/stdout. Cloud to cloud
 * goes through the storage service (server-side inside one connection, streamed across). A
 * move removes its source only once the target holds as many bytes as the source had.
 */
export async function copyObject(
  session: StorageSession,
  ctx: CliContext,
  request: CopyRequest,
  signal?: AbortSignal,
): Promise<CopyResult> {
  const from = locationOf(request.source, ctx.cwd);
  const to = locationOf(request.target, ctx.cwd);
  if (from.kind !== 'cloud' && to.kind !== 'cloud') {
    throw invalidInput('One side of a copy must be a storage URI (s3://, gs:// or az://)');
  }
  if (request.mode === 'move' && (from.kind === 'stdio' || to.kind === 'stdio')) {
    throw invalidInput('mv cannot read from stdin or write to stdout; use cp');
  }
  if (from.kind === 'cloud') {
    const source = await resolveObject(session, from.uri, request.fromConnection);
    if (to.kind === 'cloud') return cloudToCloud(session, ctx, source, to.uri, request, signal);
    return download(session, ctx, source, to, request.mode, signal);
  }
  if (to.kind !== 'cloud') throw invalidInput('A copy needs a storage URI on one side');
  return upload(session, ctx, from, to.uri, request, signal);
}

async function cloudToCloud(
  session: StorageSession,
  ctx: CliContext,
  source: StorageTarget,
  targetUri: string,
  request: CopyRequest,
  signal?: AbortSignal,
): Promise<CopyResult> {
  const target = await resolveTarget(
    session,
    targetUri,
    request.toConnection,
    lastSegment(source.ref.key),
  );
  const { transferObject } = await import('@ccx/storage');
  const size = (await source.connection.storage.headObject(source.ref)).size;
  const progress = showByteProgress(
    ctx.stderr,
    request.mode === 'move' ? 'Moving' : 'Copying',
    size,
  );
  try {
    const info = await transferObject(session.catalog, source.ref, target.ref, {
      mode: request.mode,
      onProgress: (bytes) => progress.update(bytes),
      signal,
    });
    return { kind: 'object', uri: uriOf(target), info };
  } finally {
    progress.stop();
  }
}

async function upload(
  session: StorageSession,
  ctx: CliContext,
  from: Exclude<Location, { kind: 'cloud' }>,
  targetUri: string,
  request: CopyRequest,
  signal?: AbortSignal,
): Promise<CopyResult> {
  let size: number | null = null;
  if (from.kind === 'local') {
    const stats = await stat(from.path).catch((error: unknown) => {
      throw new CcxError('not_found', `${request.source}: no such file`, { cause: error });
    });
    if (!stats.isFile()) throw invalidInput(`${request.source} is not a file`);
    size = stats.size;
  }
  const name = from.kind === 'local' ? safeFileName(from.path.replaceAll('\\', '/')) : null;
  const target = await resolveTarget(session, targetUri, request.toConnection, name);
  const body = from.kind === 'local' ? createReadStream(from.path) : bytesOf(ctx.stdin);
  const progress = showByteProgress(ctx.stderr, 'Uploading', size);
  try {
    const info = await target.connection.storage.putObject(target.ref, body, {
      ...(size === null ? {} : { size }),
      onProgress: (bytes) => progress.update(bytes),
      signal,
    });
    if (request.mode === 'move' && from.kind === 'local') {
      const landed = await target.connection.storage.headObject(target.ref);
      if (landed.size !== size) {
        throw new CcxError(
          'provider_error',
          `The upload has ${landed.size} bytes where ${request.source} has ${size}: the file was kept`,
        );
      }
      await unlink(from.path);
    }
    return { kind: 'object', uri: uriOf(target), info };
  } finally {
    progress.stop();
  }
}

async function download(
  session: StorageSession,
  ctx: CliContext,
  source: StorageTarget,
  to: Exclude<Location, { kind: 'cloud' }>,
  mode: 'copy' | 'move',
  signal?: AbortSignal,
): Promise<CopyResult> {
  const { info, body } = await source.connection.storage.getObject(source.ref, { signal });
  const progress = showByteProgress(ctx.stderr, 'Downloading', info.size);
  try {
    if (to.kind === 'stdio') {
      const size = await writeToStream(body, ctx.stdout, (bytes) => progress.update(bytes));
      return { kind: 'stdout', size };
    }
    const path = await localTarget(to, source.ref.key);
    const size = await writeToFile(body, path, (bytes) => progress.update(bytes));
    if (size !== info.size) {
      await rm(path, { force: true });
      throw new CcxError(
        'provider_error',
        `Received ${size} of ${info.size} bytes; nothing was kept`,
      );
    }
    if (mode === 'move') await deleteSource(source);
    return { kind: 'file', path, size };
  } finally {
    progress.stop();
  }
}

/** A directory target gets the key's safe last segment; a file target is taken as named. */
async function localTarget(to: { path: string; directory: boolean }, key: string): Promise<string> {
  const existing = await stat(to.path).catch(() => null);
  if (to.directory || existing?.isDirectory() === true) {
    if (existing === null) throw new CcxError('not_found', `${to.path}: no such directory`);
    return inside(to.path, safeFileName(key));
  }
  return to.path;
}

async function deleteSource(source: StorageTarget): Promise<void> {
  const result = await source.connection.storage.deleteObjects(source.ref, [
    { key: source.ref.key },
  ]);
  const failure = result.errors[0];
  if (failure !== undefined) {
    throw new CcxError(
      'provider_error',
      `Downloaded, but the source could not be deleted (${failure.code})`,
    );
  }
}

/** The target object: a URI ending in `/` (or a bucket root) receives `name` under it. */
async function resolveTarget(
  session: StorageSession,
  uri: string,
  connection: string | undefined,
  name: string | null,
): Promise<StorageTarget> {
  const target = await resolveObject(session, uri, connection, { allowPrefix: true });
  if (!isPrefixKey(target.ref.key)) return target;
  if (name === null) throw invalidInput(`${uri} is a prefix: name the object to write`);
  return { ...target, ref: { ...target.ref, key: `${target.ref.key}${name}` } };
}

function uriOf(target: StorageTarget): string {
  return formatStorageUri(target.connection.provider, {
    account: target.ref.account,
    bucket: target.ref.bucket,
    key: target.ref.key,
  });
}

/** Stdin as bytes: a stream with an encoding set yields strings, which no provider takes. */
async function* bytesOf(input: AsyncIterable<unknown>): AsyncIterable<Uint8Array> {
  for await (const chunk of input) {
    yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
  }
}
