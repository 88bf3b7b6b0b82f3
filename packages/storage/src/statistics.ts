import type { BucketRef, ObjectStorage } from '@ccx/core';

/** Age bands of the histogram, in days since last modification; the last is open-ended. */
export const AGE_BANDS = [
  { band: '0-30', fromDays: 0, toDays: 30 },
  { band: '30-90', fromDays: 30, toDays: 90 },
  { band: '90-180', fromDays: 90, toDays: 180 },
  { band: '180-365', fromDays: 180, toDays: 365 },
  { band: '>365', fromDays: 365, toDays: Number.POSITIVE_INFINITY },
] as const;
export type AgeBand = (typeof AGE_BANDS)[number]['band'];

export interface AgeBucket {
  band: AgeBand;
  objects: number;
  bytes: number;
}

export interface ClassStatistics {
  /** As listed; null where the listing does not say (the provider's default class). */
  storageClass: string | null;
  objects: number;
  bytes: number;
  /** One entry per band of AGE_BANDS, in that order, zeros included. */
  ages: AgeBucket[];
  oldest: string | null;
  newest: string | null;
}

export interface BucketStatistics {
  bucket: BucketRef;
  objects: number;
  bytes: number;
  /** Ordered by bytes, largest first. */
  classes: ClassStatistics[];
  oldest: string | null;
  newest: string | null;
  /** The instant ages were measured from (ISO 8601). */
  measuredAt: string;
}

const DAY_MS = 86_400_000;

/**
 * Walks a whole bucket once, without a delimiter, keeping only counters: memory is constant
 * whatever the bucket holds. An object modified "in the future" (clock skew) counts as 0 days old.
 */
export async function bucketStatistics(
  storage: ObjectStorage,
  bucket: BucketRef,
  options: {
    now?: number;
    signal?: AbortSignal;
    /** Sees every object of the walk, e.g. to tell which remembered keys still exist. */
    visit?: (entry: { key: string; etag: string | null }) => void;
  } = {},
): Promise<BucketStatistics> {
  const now = options.now ?? Date.now();
  const byClass = new Map<string | null, ClassStatistics>();
  for await (const page of storage.listObjects(bucket, { signal: options.signal })) {
    for (const entry of page.entries) {
      if (entry.kind !== 'object') continue;
      options.visit?.(entry);
      const stats = byClass.get(entry.storageClass) ?? emptyClass(entry.storageClass);
      byClass.set(entry.storageClass, stats);
      const modified = Date.parse(entry.lastModified);
      // Age for tiering is time since last use: the last read where the provider tracks it
      // (Azure last-access tracking), else the last write.
      const accessed = entry.lastAccessedAt ? Date.parse(entry.lastAccessedAt) : Number.NaN;
      const lastUse = Number.isNaN(accessed) ? modified : Math.max(modified, accessed);
      const ageDays = Number.isNaN(lastUse) ? 0 : Math.max(0, (now - lastUse) / DAY_MS);
      const band = AGE_BANDS.findIndex((b) => ageDays < b.toDays);
      const age = stats.ages[band];
      if (age !== undefined) {
        age.objects += 1;
        age.bytes += entry.size;
      }
      stats.objects += 1;
      stats.bytes += entry.size;
      if (!Number.isNaN(modified)) {
        stats.oldest = earlier(stats.oldest, entry.lastModified);
        stats.newest = later(stats.newest, entry.lastModified);
      }
    }
  }
  const classes = [...byClass.values()].sort((a, b) => b.bytes - a.bytes);
  return {
    bucket: { connection: bucket.connection, account: bucket.account, bucket: bucket.bucket },
    objects: classes.reduce((sum, c) => sum + c.objects, 0),
    bytes: classes.reduce((sum, c) => sum + c.bytes, 0),
    classes,
    oldest: classes.reduce<string | null>((acc, c) => earlier(acc, c.oldest), null),
    newest: classes.reduce<string | null>((acc, c) => later(acc, c.newest), null),
    measuredAt: new Date(now).toISOString(),
  };
}

function emptyClass(storageClass: string | null): ClassStatistics {
  return {
    storageClass,
    objects: 0,
    bytes: 0,
    ages: AGE_BANDS.map(({ band }) => ({ band, objects: 0, bytes: 0 })),
    oldest: null,
    newest: null,
  };
}

function earlier(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(b) < Date.parse(a) ? b : a;
}

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}
