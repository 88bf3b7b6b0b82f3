import { hashesOf, type GcsBucket, type GcsObject } from './model';

/** Resources rendered as the JSON API returns them: int64 fields are strings, times ISO-8601. */

export function bucketResource(baseUrl: string, bucket: GcsBucket): Record<string, unknown> {
  return {
    kind: 'storage#bucket',
    selfLink: `${baseUrl}/storage/v1/b/${encodeURIComponent(bucket.name)}`,
    id: bucket.name,
    name: bucket.name,
    projectNumber: projectNumber(bucket.project),
    metageneration: String(bucket.metageneration),
    location: bucket.location,
    locationType: 'region',
    storageClass: bucket.storageClass,
    etag: `CA${bucket.metageneration}=`,
    timeCreated: bucket.timeCreated,
    updated: bucket.updated,
    labels: bucket.labels,
    versioning: { enabled: bucket.versioning },
    ...(bucket.defaultKmsKeyName === null
      ? {}
      : { encryption: { defaultKmsKeyName: bucket.defaultKmsKeyName } }),
    ...(bucket.logging === null ? {} : { logging: bucket.logging }),
    ...(bucket.lifecycle.length === 0 ? {} : { lifecycle: { rule: bucket.lifecycle } }),
    iamConfiguration: {
      bucketPolicyOnly: { enabled: bucket.uniformBucketLevelAccess },
      uniformBucketLevelAccess: { enabled: bucket.uniformBucketLevelAccess },
      publicAccessPrevention: bucket.publicAccessPrevention,
    },
    rpo: 'DEFAULT',
  };
}

export function objectResource(baseUrl: string, object: GcsObject): Record<string, unknown> {
  const encoded = encodeURIComponent(object.name);
  const bucket = encodeURIComponent(object.bucket);
  const hashes = hashesOf(object);
  return {
    kind: 'storage#object',
    id: `${object.bucket}/${object.name}/${object.generation}`,
    selfLink: `${baseUrl}/storage/v1/b/${bucket}/o/${encoded}`,
    mediaLink: `${baseUrl}/download/storage/v1/b/${bucket}/o/${encoded}?generation=${object.generation}&alt=media`,
    name: object.name,
    bucket: object.bucket,
    generation: object.generation,
    metageneration: String(object.metageneration),
    contentType: object.contentType,
    storageClass: object.storageClass,
    size: String(object.size),
    ...(hashes.md5Hash === undefined ? {} : { md5Hash: hashes.md5Hash }),
    crc32c: hashes.crc32c,
    ...(object.composite ? { componentCount: object.composite.componentCount } : {}),
    etag: `${object.generation.slice(-8)}${object.metageneration}`,
    timeCreated: object.timeCreated,
    updated: object.updated,
    timeStorageClassUpdated: object.timeStorageClassUpdated,
    ...(object.timeDeleted === null ? {} : { timeDeleted: object.timeDeleted }),
    ...(Object.keys(object.metadata).length === 0 ? {} : { metadata: object.metadata }),
  };
}

/** A stable, made-up project number per project id (real ones are opaque numbers too). */
export function projectNumber(project: string): string {
  let hash = 0;
  for (const char of project) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return String(100_000_000_000 + hash);
}
