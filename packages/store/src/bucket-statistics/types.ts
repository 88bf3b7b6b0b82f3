/** Objects and bytes of one age band (days since last modification, e.g. `30-90`). */
export interface StoredAgeBand {
  band: string;
  objects: number;
  bytes: number;
}

/** One storage class of a bucket as measured. */
export interface StoredClassStatistics {
  /** As listed; null where the listing does not say (the provider's default class). */
  storageClass: string | null;
  objects: number;
  bytes: number;
  ages: StoredAgeBand[];
  oldest: string | null;
  newest: string | null;
}

/** The latest measurement of one bucket, keyed by the bucket's inventory uid. */
export interface StoredBucketStatistics {
  resourceUid: string;
  /** When the bucket was walked (ISO 8601, UTC); ages are counted from this instant. */
  measuredAt: string;
  objects: number;
  bytes: number;
  /** In the order measured (largest first, as the statistics walk orders them). */
  classes: StoredClassStatistics[];
  oldest: string | null;
  newest: string | null;
}

export interface BucketStatisticsRepository {
  /**
   * Stores a measurement, replacing the bucket's previous one unless that one is newer: two
   * analyses racing on one bucket leave the later measurement, whichever finishes last.
   */
  upsert(statistics: StoredBucketStatistics): Promise<void>;
  get(resourceUid: string): Promise<StoredBucketStatistics | null>;
  /** Ordered by uid; `resourceUids` narrows to those buckets (unknown uids are skipped). */
  list(filter?: { resourceUids?: readonly string[] }): Promise<StoredBucketStatistics[]>;
}
