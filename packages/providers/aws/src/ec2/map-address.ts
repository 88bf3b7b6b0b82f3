import type { Address } from '@aws-sdk/client-ec2';
import { COMPUTE_TYPES, makeResource, type Resource } from '@ccx/core';
import { tagsOf } from './tags';

/**
 * An Elastic IP as a core Resource, keyed by its allocation id. Its state reads like a volume's:
 * `in-use` while associated, `available` (and billed for nothing) otherwise.
 */
export function mapAddress(account: string, region: string, address: Address): Resource {
  const tags = tagsOf(address.Tags);
  return makeResource({
    provider: 'aws',
    account,
    region,
    type: COMPUTE_TYPES.ec2Address,
    id: address.AllocationId ?? address.PublicIp ?? '',
    name: tags.Name ?? null,
    state: address.AssociationId ? 'in-use' : 'available',
    tags,
    createdAt: null,
    attributes: {
      publicIp: address.PublicIp ?? null,
      allocationId: address.AllocationId ?? null,
      associationId: address.AssociationId ?? null,
      instanceId: address.InstanceId ?? null,
      networkInterfaceId: address.NetworkInterfaceId ?? null,
      privateIpAddress: address.PrivateIpAddress ?? null,
      domain: address.Domain ?? null,
    },
  });
}
