import {
  BUCKET_TYPES,
  bucketResource,
  CcxError,
  type Inventory,
  type ObjectStorage,
  type Resource,
} from '@ccx/core';

export const AZURE_CONTAINER = BUCKET_TYPES.azure;

/**
 * Containers as inventory resources: one scope is one storage account, and each container's
 * attributes are the core `Bucket`, so posture checks read the same shape the browser shows.
 */
export function containerInventory(storage: ObjectStorage): Inventory {
  async function* listContainers(
    account: string,
    region: string,
    signal?: AbortSignal,
  ): AsyncIterable<Resource> {
    for await (const bucket of storage.listBuckets(account, { signal })) {
      yield bucketResource({ account, region }, { ...bucket, provider: 'azure' });
    }
  }

  return {
    types: [AZURE_CONTAINER],
    list(scope, type, options) {
      if (type !== AZURE_CONTAINER)
        throw new CcxError('invalid_input', `The Azure provider cannot list ${type}`);
      return listContainers(scope.account, scope.region, options?.signal);
    },
  };
}
