import type { InstanceTag } from './instance';

export interface AddressAssociationRecord {
  associationId: string;
  /** The instance whose primary network interface holds the address. */
  instanceId: string;
  networkInterfaceId: string;
  privateIpAddress: string;
}

/**
 * One Elastic IP of the VPC domain. Unassociated addresses are billed by the hour, which is what
 * the waste insights look for; an associated one is the public IP its instance shows, in every
 * state but terminated.
 */
export interface AddressRecord {
  allocationId: string;
  publicIp: string;
  accountId: string;
  region: string;
  association: AddressAssociationRecord | null;
  tags: InstanceTag[];
}
