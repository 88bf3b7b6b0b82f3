import { BUCKET_TYPES, type Bucket, type BucketRef, type ProviderId } from '@ccx/core';
import type { Store, StoredResource } from '@ccx/store';

/** A synced bucket: the inventory resource's uid and its attributes read as the core Bucket. */
export interface SyncedBucket {
  uid: string;
  bucket: Bucket;
}

const MAX_BUCKETS = 10_000;

function asBucket(resource: StoredResource): Bucket | null {
  const a = resource.attributes;
  if (typeof a.bucket !== 'string' || typeof a.account !== 'string') return null;
  return {
    connection: resource.connection,
    account: a.account,
    bucket: a.bucket,
    provider: resource.provider,
    region: typeof a.region === 'string' ? a.region : null,
    createdAt: typeof a.createdAt === 'string' ? a.createdAt : null,
    tags: resource.tags,
    versioning: (a.versioning ?? null) as Bucket['versioning'],
    encryption: (a.encryption ?? null) as Bucket['encryption'],
    publicAccess: (a.publicAccess ?? null) as Bucket['publicAccess'],
    logging: (a.logging ?? null) as Bucket['logging'],
    lifecycle: (a.lifecycle ?? null) as Bucket['lifecycle'],
    attributes:
      typeof a.attributes === 'object' && a.attributes !== null
        ? (a.attributes as Record<string, unknown>)
        : {},
  };
}

/**
 * Buckets as the last sync saw them (`s3.bucket`, `gcs.bucket`, `azure.container` resources
 * whose attributes are the core Bucket), optionally of one connection or provider.
 */
export async function syncedBuckets(
  store: Store,
  filter: { connection?: string; provider?: ProviderId } = {},
): Promise<SyncedBucket[]> {
  const types = Object.entries(BUCKET_TYPES)
    .filter(([provider]) => filter.provider === undefined || provider === filter.provider)
    .map(([, type]) => type);
  const page = await store.resources.query({
    type: types,
    sort: { field: 'name', dir: 'asc' },
    offset: 0,
    limit: MAX_BUCKETS,
  });
  const found: SyncedBucket[] = [];
  for (const resource of page.items) {
    if (filter.connection !== undefined && resource.connection !== filter.connection) continue;
    const bucket = asBucket(resource);
    if (bucket) found.push({ uid: resource.uid, bucket });
  }
  return found;
}

/** The synced bucket at `ref`, if the inventory holds it. */
export async function syncedBucket(store: Store, ref: BucketRef): Promise<SyncedBucket | null> {
  const all = await syncedBuckets(store, { connection: ref.connection });
  return (
    all.find((s) => s.bucket.account === ref.account && s.bucket.bucket === ref.bucket) ?? null
  );
}
