import type { ContainerClient } from '@azure/storage-blob';
import type { ListObjectsOptions, ObjectEntry, ObjectPage } from '@ccx/core';
import { objectEntry } from './object-info';

/** The service's largest page (List Blobs `maxresults`). */
export const MAX_LIST_PAGE_SIZE = 5000;

function entryName(entry: ObjectEntry): string {
  return entry.kind === 'object' ? entry.key : entry.prefix;
}

/**
 * One container's listing as pages, through the SDK's own paginator: `listBlobsByHierarchy`
 * with a delimiter, `listBlobsFlat` without. The cursor is the service's continuation token,
 * so resuming costs no re-listing. A hierarchy page carries prefixes and blobs apart; they are
 * merged into one name-ordered list, as S3 and GCS listings read.
 */
export async function* listObjectPages(
  container: ContainerClient,
  options: ListObjectsOptions,
): AsyncIterable<ObjectPage> {
  const settings = {
    continuationToken: options.cursor,
    maxPageSize: Math.min(options.pageSize ?? MAX_LIST_PAGE_SIZE, MAX_LIST_PAGE_SIZE),
  };
  const request = { prefix: options.prefix || undefined, abortSignal: options.signal };
  if (options.delimiter) {
    const pages = container.listBlobsByHierarchy(options.delimiter, request).byPage(settings);
    for await (const page of pages) {
      const entries: ObjectEntry[] = [
        ...(page.segment.blobPrefixes ?? []).map((prefix): ObjectEntry => ({
          kind: 'prefix',
          prefix: prefix.name,
        })),
        ...page.segment.blobItems.map(objectEntry),
      ];
      entries.sort((a, b) => (entryName(a) < entryName(b) ? -1 : 1));
      yield { entries, cursor: page.continuationToken || null };
    }
    return;
  }
  for await (const page of container.listBlobsFlat(request).byPage(settings)) {
    yield {
      entries: page.segment.blobItems.map(objectEntry),
      cursor: page.continuationToken || null,
    };
  }
}
