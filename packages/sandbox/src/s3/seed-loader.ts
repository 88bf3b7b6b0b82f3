import { createHash } from 'node:crypto';
import type { SeedBucket } from '../storage-seed/types';
import { isStorageClass, newBucket, type ObjectVersion, type S3Bucket } from './model';
import { syntheticContents } from './synthetic';

/** An AWS policy granting everyone reads: what a seeded public bucket carries. */
export function publicReadPolicy(bucket: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PublicRead',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: `arn:aws:s3:::${bucket}/*`,
      },
    ],
  });
}

/** Turns a seeded bucket into model state; bodies (and so ETags) are generated on first use. */
export function bucketFromSeed(seed: SeedBucket): S3Bucket {
  const bucket = newBucket(seed.name, seed.account, seed.region, Date.parse(seed.createdAt));
  bucket.versioning = seed.versioning ? 'Enabled' : 'Unversioned';
  bucket.tags = Object.keys(seed.tags).length > 0 ? { ...seed.tags } : null;
  bucket.encryption = seed.encrypted ? 'AES256' : null;
  bucket.policy = seed.public ? publicReadPolicy(seed.name) : null;
  bucket.publicAccessBlock = seed.blockPublicAccess
    ? {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      }
    : null;
  bucket.logging = seed.logging ? { targetBucket: seed.name, targetPrefix: 'access-logs/' } : null;
  bucket.lifecycle =
    seed.lifecycleRules.length > 0 ? seed.lifecycleRules.map((r) => ({ ...r })) : null;
  for (const object of seed.objects) {
    const fields = {
      key: object.key,
      versionId: seed.versioning
        ? createHash('sha256').update(`${seed.name}/${object.key}`).digest('base64url').slice(0, 32)
        : 'null',
      deleteMarker: false,
      lastModified: Date.parse(object.lastModified),
      size: object.size,
      storageClass: isStorageClass(object.storageClass) ? object.storageClass : 'STANDARD',
      contentType: object.contentType,
      metadata: { ...object.metadata },
      tags: { ...object.tags },
      checksum: null,
    } as const;
    bucket.objects.set(object.key, [
      object.readRange && object.etag
        ? { ...fields, etag: object.etag, body: object.body, readRange: object.readRange }
        : smallVersion(fields, object.body),
    ]);
  }
  return bucket;
}

/** A small seeded object: its bytes, and so its MD5 ETag, are made on first use and kept. */
function smallVersion(
  fields: Omit<ObjectVersion, 'etag' | 'body'>,
  generate: () => Buffer,
): ObjectVersion {
  let data: Buffer | null = null;
  const body = () => (data ??= generate());
  let etag: string | null = null;
  return {
    ...fields,
    get etag() {
      return (etag ??= `"${createHash('md5').update(body()).digest('hex')}"`);
    },
    body,
  };
}

/** A benchmark bucket whose objects are computed, not stored. */
export function syntheticBucket(
  name: string,
  account: string,
  region: string,
  objects: number,
  now: number,
): S3Bucket {
  const bucket = newBucket(name, account, region, now);
  bucket.synthetic = syntheticContents(objects);
  return bucket;
}
