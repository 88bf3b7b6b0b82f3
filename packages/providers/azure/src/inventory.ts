import {
  BUCKET_TYPES,
  COMPUTE_TYPES,
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

/**
 * The connection's inventory: containers when storage accounts are configured, VMs and disks
 * when compute is; each type goes to the part that lists it.
 */
export function azureInventory(parts: {
  containers: Inventory | null;
  compute: Inventory | null;
}): Inventory | undefined {
  const { containers, compute } = parts;
  if (!containers && !compute) return undefined;
  const types = [...(containers?.types ?? []), ...(compute?.types ?? [])];
  return {
    types,
    list(scope, type, options) {
      if (containers?.types.includes(type)) return containers.list(scope, type, options);
      if (compute?.types.includes(type)) return compute.list(scope, type, options);
      throw new CcxError('invalid_input', `The Azure provider cannot list ${type}`);
    },
  };
}

export const AZURE_VM = COMPUTE_TYPES.azureVm;
export const AZURE_DISK = COMPUTE_TYPES.azureDisk;
