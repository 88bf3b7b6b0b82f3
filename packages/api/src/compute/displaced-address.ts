import { COMPUTE_TYPES } from '@ccx/core';
import type { Store, StoredResource } from '@ccx/store';
import { queryAll } from './related';

/** Addresses that name the instance are read from the store this many at a time. */
const ADDRESS_PAGE = 500;

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
  const holders = await queryAll(
    store,
    {
      type: [COMPUTE_TYPES.ec2Address],
      provider: [address.provider],
      account: [address.account],
      region: [address.region],
      attributes: { instanceId },
    },
    ADDRESS_PAGE,
  );
  for (const other of holders) {
    if (other.uid === address.uid) continue;
    await store.resources.refreshLive(other.uid, {
      state: 'available',
      attributes: NO_ASSOCIATION,
    });
  }
}
