import type { SeedBucket, SeedObject } from '../storage-seed/types';
import type { Composite, GcsBucket, GcsModel, LifecycleRule } from './model';

/** gcloud splits a parallel composite upload into at most 32 components. */
const UPLOAD_COMPONENTS = 32;

/** Large seeded objects become composites: streamed by range, CRC-32C only. */
function compositeOf(object: SeedObject): { composite?: Composite } {
  const { readRange, crc32c } = object;
  if (!readRange || !crc32c) return {};
  return { composite: { readRange, crc32c, componentCount: UPLOAD_COMPONENTS } };
}

function lifecycleOf(bucket: SeedBucket): LifecycleRule[] {
  const rules: LifecycleRule[] = [];
  for (const rule of bucket.lifecycleRules) {
    if (rule.transitionDays !== undefined && rule.storageClass !== undefined)
      rules.push({
        action: { type: 'SetStorageClass', storageClass: rule.storageClass },
        condition: { age: rule.transitionDays },
      });
    if (rule.expireDays !== undefined)
      rules.push({ action: { type: 'Delete' }, condition: { age: rule.expireDays } });
  }
  return rules;
}

/**
 * Loads the seeded `gcp` buckets into the model, objects as one live generation each with the
 * seed's times. "Encrypted" means a customer-managed key (GCS always encrypts; the setting a
 * posture check can see is the default KMS key), "public" an allUsers objectViewer binding.
 */
export function loadSeedBuckets(model: GcsModel, buckets: readonly SeedBucket[]): void {
  for (const seed of buckets) {
    if (seed.provider !== 'gcp' || !model.projects.includes(seed.account)) continue;
    const bucket: GcsBucket = {
      project: seed.account,
      name: seed.name,
      location: seed.region.toUpperCase(),
      storageClass: 'STANDARD',
      timeCreated: seed.createdAt,
      updated: seed.createdAt,
      metageneration: 1,
      labels: { ...seed.tags },
      versioning: seed.versioning,
      defaultKmsKeyName: seed.encrypted
        ? `projects/${seed.account}/locations/${seed.region}/keyRings/ccx-sandbox/cryptoKeys/${seed.name}`
        : null,
      logging: seed.logging
        ? { logBucket: `${seed.account}-access-logs`, logObjectPrefix: seed.name }
        : null,
      lifecycle: lifecycleOf(seed),
      publicAccessPrevention: seed.blockPublicAccess ? 'enforced' : 'inherited',
      uniformBucketLevelAccess: true,
      bindings: [
        { role: 'roles/storage.legacyBucketOwner', members: [`projectOwner:${seed.account}`] },
        ...(seed.public ? [{ role: 'roles/storage.objectViewer', members: ['allUsers'] }] : []),
      ],
      objects: new Map(),
    };
    for (const object of seed.objects) {
      bucket.objects.set(object.key, [
        {
          bucket: seed.name,
          name: object.key,
          generation: model.nextGeneration(),
          metageneration: 1,
          size: object.size,
          content: () => object.body(),
          contentType: object.contentType,
          storageClass: object.storageClass,
          metadata: { ...object.metadata },
          timeCreated: object.lastModified,
          updated: object.lastModified,
          timeStorageClassUpdated: object.lastModified,
          timeDeleted: null,
          ...compositeOf(object),
        },
      ]);
    }
    model.buckets.set(bucket.name, bucket);
  }
}
