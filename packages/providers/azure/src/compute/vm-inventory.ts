import { CcxError, COMPUTE_TYPES, type Resource, type Scope } from '@ccx/core';
import type { SubscriptionListing } from './listing';
import { diskResource, vmResource } from './map-vm';

export const AZURE_COMPUTE_TYPES = [COMPUTE_TYPES.azureVm, COMPUTE_TYPES.azureDisk] as const;

/**
 * Compute scopes: each configured subscription × each location holding a VM or a disk,
 * discovered from the same listings the inventory then filters.
 */
export async function computeScopes(
  connection: string,
  subscriptions: readonly string[],
  listing: SubscriptionListing,
): Promise<Scope[]> {
  const scopes: Scope[] = [];
  for (const subscription of subscriptions) {
    const [vms, disks] = await Promise.all([
      listing.vms(subscription),
      listing.disks(subscription),
    ]);
    const locations = new Set(
      [...vms, ...disks].flatMap((item) => (item.location ? [item.location.toLowerCase()] : [])),
    );
    for (const region of [...locations].sort())
      scopes.push({
        provider: 'azure',
        connection,
        account: subscription,
        region,
        label: `${subscription.slice(0, 8)} ${region}`,
        types: AZURE_COMPUTE_TYPES,
      });
  }
  return scopes;
}

/** VMs (with power state) or managed disks of one subscription × location. */
export async function* listCompute(
  listing: SubscriptionListing,
  scope: Scope,
  type: string,
  signal?: AbortSignal,
): AsyncIterable<Resource> {
  const inRegion = (location: string | undefined) => location?.toLowerCase() === scope.region;
  if (type === COMPUTE_TYPES.azureVm) {
    for (const vm of await listing.vms(scope.account, signal)) {
      if (!inRegion(vm.location)) continue;
      const resource = vmResource(vm, scope.account);
      if (resource) yield resource;
    }
    return;
  }
  if (type === COMPUTE_TYPES.azureDisk) {
    for (const disk of await listing.disks(scope.account, signal)) {
      if (!inRegion(disk.location)) continue;
      const resource = diskResource(disk, scope.account);
      if (resource) yield resource;
    }
    return;
  }
  throw new CcxError('invalid_input', `The Azure provider cannot list ${type}`);
}
