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

/** The stored address just associated: its scope bounds the search for the one moved aside. */
export type AssociatedAddress = Pick<StoredResource, 'uid' | 'provider' | 'account' | 'region'>;

/** The store could not free what EC2 moved aside from `instanceId`; the association stands. */
export interface DisplacedAddressFailure {
  instanceId: string;
  error: unknown;
}

/**
 * EC2 moves an instance's Elastic IP aside when another is associated with the same instance
 * (the old one stays allocated, unassociated). The store follows at once, so the moved
 * address does not show as in use, with the wrong actions, until the next sync.
 *
 * Called once EC2 has associated `address`, so the association happened whatever the store
 * does: a store that cannot follow is returned rather than thrown, for the API and the CLI
 * each to report as a warning on an action that succeeded; the next sync corrects the store.
 */
export async function freeDisplacedAddresses(
  store: Store,
  address: AssociatedAddress,
  instanceId: string,
): Promise<DisplacedAddressFailure | null> {
  try {
    await clearDisplacedAddresses(store, address, instanceId);
    return null;
  } catch (error) {
    return { instanceId, error };
  }
}

async function clearDisplacedAddresses(
  store: Store,
  address: AssociatedAddress,
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
