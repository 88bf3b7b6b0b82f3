import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ObjectEntry } from '@ccx/api/contract';
import { listObjects } from '../api/storage';
import type { BucketLocation } from '../api/storage';
import { useApiClient } from '../app/api-context';
import { storageKeys } from './query-keys';

export const OBJECT_PAGE_SIZE = 200;

/**
 * One level of a bucket, fetched a page at a time with the server's opaque cursor. Entries
 * are merged with folders first (in the order they arrived), then objects; a folder listed on
 * a later page moves up when it arrives, which is the price of never loading the whole level.
 */
export function useObjectListing(where: BucketLocation, prefix: string) {
  const client = useApiClient();
  const query = useInfiniteQuery({
    queryKey: storageKeys.objects(where, prefix),
    queryFn: ({ pageParam, signal }) =>
      listObjects(client, { ...where, prefix, cursor: pageParam, limit: OBJECT_PAGE_SIZE }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.cursor,
  });
  const entries = useMemo(() => {
    const pages = query.data?.pages ?? [];
    const folders: ObjectEntry[] = [];
    const objects: ObjectEntry[] = [];
    for (const page of pages) {
      for (const entry of page.entries) (entry.kind === 'prefix' ? folders : objects).push(entry);
    }
    return [...folders, ...objects];
  }, [query.data]);
  return { query, entries };
}
