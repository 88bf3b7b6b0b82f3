import type { StoredBucketStatistics } from '@ccx/store';

/**
 * What a bucket listing shows of a stored measurement: totals and the class mix. The age
 * bands stay in the store (tiering advice reads them); a table of buckets has no room for them.
 */
export function statisticsView(statistics: StoredBucketStatistics) {
  return {
    objects: statistics.objects,
    bytes: statistics.bytes,
    classes: statistics.classes.map(({ storageClass, objects, bytes }) => ({
      storageClass,
      objects,
      bytes,
    })),
    oldest: statistics.oldest,
    newest: statistics.newest,
    measuredAt: statistics.measuredAt,
  };
}
