import {
  BUCKET_TYPES,
  bucketResource,
  CcxError,
  type Inventory,
  type ObjectStorage,
} from '@ccx/core';

export const GCS_BUCKET = BUCKET_TYPES.gcp;

/** Buckets as inventory resources; `attributes` is the capability's `Bucket`, posture and all. */
export function gcsInventory(storage: ObjectStorage): Inventory {
  return {
    types: [GCS_BUCKET],
    async *list(scope, type, options) {
      if (type !== GCS_BUCKET)
        throw new CcxError('invalid_input', `The GCP provider cannot list ${type}`);
      for await (const bucket of storage.listBuckets(scope.account, options)) {
        yield bucketResource(
          { account: scope.account, region: 'global' },
          { ...bucket, provider: 'gcp' },
        );
      }
    },
  };
}
