import type { BucketView } from '@ccx/api/contract';

/** Orders of the bucket table: as listed (by name), or by measured size either way. */
export type BucketSort = '' | 'size' | '-size';

/** Reads the `sort` parameter of the address; anything else is the listing's own order. */
export function parseBucketSort(value: string | null): BucketSort {
  return value === 'size' || value === '-size' ? value : '';
}

/** The order a click on the size header moves to: largest first, then smallest first. */
export function nextSizeSort(current: BucketSort): BucketSort {
  return current === '-size' ? 'size' : '-size';
}

/**
 * Sorts by measured bytes; a bucket never measured has no size to compare, so it goes last in
 * both directions, and ties keep the listing's order (sort is stable).
 */
export function sortBuckets(buckets: readonly BucketView[], sort: BucketSort): BucketView[] {
  if (sort === '') return [...buckets];
  const direction = sort === 'size' ? 1 : -1;
  return [...buckets].sort((a, b) => {
    if (a.statistics === null || b.statistics === null) {
      return (a.statistics === null ? 1 : 0) - (b.statistics === null ? 1 : 0);
    }
    return direction * (a.statistics.bytes - b.statistics.bytes);
  });
}
