import {
  DescribeAddressesCommand,
  paginateDescribeInstances,
  paginateDescribeVolumes,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { CcxError, COMPUTE_TYPES, type Inventory, type Resource, type Scope } from '@ccx/core';
import type { AccountDirectory } from './account-directory';
import type { ClientPool } from './client-pool';
import { mapAddress } from './ec2/map-address';
import { mapVolume } from './ec2/map-volume';
import { fromAwsError } from './errors';
import { mapInstance } from './map-instance';

/** EC2's largest page: fewer round trips, fewer chances to be throttled. */
export const DESCRIBE_INSTANCES_PAGE_SIZE = 1000;
/** DescribeVolumes allows at most 500 a page. */
export const DESCRIBE_VOLUMES_PAGE_SIZE = 500;

type Lister = (
  client: EC2Client,
  scope: Scope,
  signal: AbortSignal | undefined,
) => AsyncIterable<Resource>;

async function* listInstances(client: EC2Client, scope: Scope, signal?: AbortSignal) {
  const pages = paginateDescribeInstances(
    { client, pageSize: DESCRIBE_INSTANCES_PAGE_SIZE },
    {},
    { abortSignal: signal },
  );
  for await (const page of pages)
    for (const reservation of page.Reservations ?? [])
      for (const instance of reservation.Instances ?? [])
        if (instance.InstanceId) yield mapInstance(scope.account, scope.region, instance);
}

async function* listVolumes(client: EC2Client, scope: Scope, signal?: AbortSignal) {
  const pages = paginateDescribeVolumes(
    { client, pageSize: DESCRIBE_VOLUMES_PAGE_SIZE },
    {},
    { abortSignal: signal },
  );
  for await (const page of pages)
    for (const volume of page.Volumes ?? [])
      if (volume.VolumeId) yield mapVolume(scope.account, scope.region, volume);
}

/** DescribeAddresses has no paging: EC2 returns a region's addresses in one answer. */
async function* listAddresses(client: EC2Client, scope: Scope, signal?: AbortSignal) {
  const out = await client.send(new DescribeAddressesCommand({}), { abortSignal: signal });
  for (const address of out.Addresses ?? [])
    if (address.AllocationId ?? address.PublicIp)
      yield mapAddress(scope.account, scope.region, address);
}

const LISTERS: Readonly<Record<string, { what: string; list: Lister }>> = {
  [COMPUTE_TYPES.ec2Instance]: { what: 'EC2 instances', list: listInstances },
  [COMPUTE_TYPES.ec2Volume]: { what: 'EBS volumes', list: listVolumes },
  [COMPUTE_TYPES.ec2Address]: { what: 'Elastic IPs', list: listAddresses },
};

/**
 * EC2 inventory of one scope — instances, volumes, Elastic IPs — page by page through the SDK's
 * own paginators. Each page's request is retried by the client's retry strategy, so throttling
 * mid-listing resumes at the same page; an error that outlasts those retries ends the listing
 * with a CcxError (and the sync engine then leaves the scope's stored rows of that type alone).
 */
export function ec2Inventory(accounts: AccountDirectory, clients: ClientPool): Inventory {
  async function* list(scope: Scope, type: string, signal?: AbortSignal): AsyncIterable<Resource> {
    const lister = LISTERS[type];
    if (!lister) throw new CcxError('invalid_input', `The AWS provider cannot list ${type}`);
    const client = clients.ec2(await accounts.byId(scope.account), scope.region);
    try {
      yield* lister.list(client, scope, signal);
    } catch (error) {
      throw fromAwsError(error, `Listing ${lister.what} in ${scope.account}/${scope.region}`);
    }
  }

  return {
    types: Object.keys(LISTERS),
    list(scope, type, options) {
      if (!Object.hasOwn(LISTERS, type))
        throw new CcxError('invalid_input', `The AWS provider cannot list ${type}`);
      return list(scope, type, options?.signal);
    },
  };
}
