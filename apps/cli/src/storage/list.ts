import { formatStorageUri, type ProviderId } from '@ccx/core';
import { isStorageRoot } from '@ccx/storage';
import type { StorageSession } from './session';

/** One line of `ls`: a bucket (container), a common prefix, or an object. */
export interface ListEntry {
  uri: string;
  kind: 'bucket' | 'prefix' | 'object';
  connection: string;
  size: number | null;
  lastModified: string | null;
  storageClass: string | null;
  region?: string | null;
}

export interface ListOptions {
  recursive: boolean;
  connection?: string;
}

/**
 * `ls`: no URI or a scheme root lists buckets (every connection's, or one Azure account's);
 * a bucket URI lists one level below its key, split at `/`, or everything below with
 * `recursive`. Entries stream as the provider pages them, so memory stays flat.
 */
export async function* listEntries(
  session: StorageSession,
  uri: string | undefined,
  options: ListOptions,
): AsyncIterable<ListEntry> {
  if (uri === undefined) {
    yield* bucketEntries(session, undefined, options.connection);
    return;
  }
  const resolved = await session.catalog.resolve(uri, { connection: options.connection });
  if (isStorageRoot(resolved)) {
    const wanted = new Set(resolved.connections ?? []);
    for await (const entry of bucketEntries(session, resolved.provider, options.connection)) {
      if (wanted.size > 0 && !wanted.has(entry.connection)) continue;
      if (resolved.account !== undefined && !entry.uri.startsWith(`az://${resolved.account}/`))
        continue;
      yield entry;
    }
    return;
  }
  const { connection, ref } = resolved;
  const at = (key: string) =>
    formatStorageUri(connection.provider, { account: ref.account, bucket: ref.bucket, key });
  const pages = connection.storage.listObjects(ref, {
    ...(ref.key === '' ? {} : { prefix: ref.key }),
    ...(options.recursive ? {} : { delimiter: '/' }),
  });
  for await (const page of pages) {
    for (const entry of page.entries) {
      if (entry.kind === 'prefix') {
        yield {
          uri: at(entry.prefix),
          kind: 'prefix',
          connection: connection.name,
          size: null,
          lastModified: null,
          storageClass: null,
        };
      } else {
        yield {
          uri: at(entry.key),
          kind: 'object',
          connection: connection.name,
          size: entry.size,
          lastModified: entry.lastModified,
          storageClass: entry.storageClass,
        };
      }
    }
  }
}

async function* bucketEntries(
  session: StorageSession,
  provider: ProviderId | undefined,
  connection: string | undefined,
): AsyncIterable<ListEntry> {
  if (connection !== undefined) session.catalog.get(connection);
  for await (const bucket of session.catalog.buckets(provider)) {
    if (connection !== undefined && bucket.connection !== connection) continue;
    yield {
      uri: formatStorageUri(bucket.provider, { account: bucket.account, bucket: bucket.bucket }),
      kind: 'bucket',
      connection: bucket.connection,
      size: null,
      lastModified: bucket.createdAt,
      storageClass: null,
      region: bucket.region,
    };
  }
}
