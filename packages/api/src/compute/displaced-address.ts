import { COMPUTE_TYPES } from '@ccx/core';
import type { Store, StoredResource } from '@ccx/store';

/** What an address holds while associated, cleared once it is not. */
export const NO_ASSOCIATION = {
  associationId: null,
  instanceId: null,
  networkInterfaceId: null,
  privateIpAddress: null,
} as const;

/**
 * EC2 moves an instance's Elastic IP aside when another is associated with the same instance
 * (the old one stays allocated, unassociated). The store follows at once, so the moved
 * address does not show as in use, with the wrong actions, until the next sync.
 */
export async function clearDisplacedAddresses(
  store: Store,
  address: Pick<StoredResource, 'uid' | 'provider' | 'account' | 'region'>,
  instanceId: string,
): Promise<void> {
  const { items } = await store.resources.query({
    type: [COMPUTE_TYPES.ec2Address],
    provider: [address.provider],
    account: [address.account],
    region: [address.region],
    offset: 0,
    limit: 1000,
  });
  for (const other of items) {
    if (other.uid === address.uid || other.attributes['instanceId'] !== instanceId) continue;
    await store.resources.refreshLive(other.uid, {
      state: 'available',
      attributes: NO_ASSOCIATION,
    });
  }
}
