import type { SandboxAccount } from './account';
import type { AddressRecord } from './address';
import type { InstanceRecord } from './instance';
import type { VolumeRecord } from './volume';

/**
 * The sandbox's mutable world: accounts, and their instances, volumes and Elastic IPs per
 * region, indexed by id. Instance and volume order within a region is fixed at seeding and is
 * the order Describe* pages in, so a NextToken (an offset) stays meaningful between calls.
 * Addresses come and go (allocate, release); they are never paged, as on AWS.
 */
export class Estate {
  private readonly instancesByScope = new Map<string, InstanceRecord[]>();
  private readonly volumesByScope = new Map<string, VolumeRecord[]>();
  private readonly addressesByScope = new Map<string, AddressRecord[]>();
  private readonly byId = new Map<string, InstanceRecord>();
  private readonly volumesById = new Map<string, VolumeRecord>();

  constructor(
    readonly accounts: readonly SandboxAccount[],
    /** Regions that hold seeded instances. */
    readonly regions: readonly string[],
    instances: readonly InstanceRecord[],
    volumes: readonly VolumeRecord[] = [],
    addresses: readonly AddressRecord[] = [],
  ) {
    for (const instance of instances) {
      push(this.instancesByScope, scopeKey(instance.accountId, instance.region), instance);
      this.byId.set(instance.id, instance);
    }
    for (const volume of volumes) {
      push(this.volumesByScope, scopeKey(volume.accountId, volume.region), volume);
      this.volumesById.set(volume.id, volume);
    }
    for (const address of addresses) this.addAddress(address);
  }

  account(id: string): SandboxAccount | undefined {
    return this.accounts.find((account) => account.id === id);
  }

  /** Instances of one account in one region, in paging order. */
  instances(accountId: string, region: string): readonly InstanceRecord[] {
    return this.instancesByScope.get(scopeKey(accountId, region)) ?? [];
  }

  /** An instance visible to `accountId` in `region`; ids of other scopes do not exist there. */
  find(accountId: string, region: string, instanceId: string): InstanceRecord | undefined {
    const instance = this.byId.get(instanceId);
    return instance && instance.accountId === accountId && instance.region === region
      ? instance
      : undefined;
  }

  volumes(accountId: string, region: string): readonly VolumeRecord[] {
    return this.volumesByScope.get(scopeKey(accountId, region)) ?? [];
  }

  findVolume(accountId: string, region: string, volumeId: string): VolumeRecord | undefined {
    const volume = this.volumesById.get(volumeId);
    return volume && volume.accountId === accountId && volume.region === region
      ? volume
      : undefined;
  }

  addresses(accountId: string, region: string): readonly AddressRecord[] {
    return this.addressesByScope.get(scopeKey(accountId, region)) ?? [];
  }

  addAddress(address: AddressRecord): void {
    push(this.addressesByScope, scopeKey(address.accountId, address.region), address);
    if (address.association) this.showAddress(address, address.association.instanceId);
  }

  /** Removes an unassociated address; the caller checks that it is not in use. */
  removeAddress(address: AddressRecord): void {
    const list = this.addressesByScope.get(scopeKey(address.accountId, address.region));
    const index = list?.indexOf(address) ?? -1;
    if (list && index >= 0) list.splice(index, 1);
  }

  /**
   * Points `address` at an instance's primary interface. An address the instance already held
   * is released from it (an interface has one public IPv4), as EC2 does.
   */
  associate(address: AddressRecord, instance: InstanceRecord, associationId: string): void {
    if (address.association) this.disassociate(address);
    for (const other of this.addresses(instance.accountId, instance.region)) {
      if (other !== address && other.association?.instanceId === instance.id)
        this.disassociate(other);
    }
    address.association = {
      associationId,
      instanceId: instance.id,
      networkInterfaceId: instance.networkInterfaceId,
      privateIpAddress: instance.privateIpAddress,
    };
    this.showAddress(address, instance.id);
  }

  disassociate(address: AddressRecord): void {
    const instanceId = address.association?.instanceId;
    address.association = null;
    const instance = instanceId ? this.byId.get(instanceId) : undefined;
    if (instance && instance.elasticIp === address.publicIp) instance.elasticIp = null;
  }

  private showAddress(address: AddressRecord, instanceId: string): void {
    const instance = this.byId.get(instanceId);
    if (instance) instance.elasticIp = address.publicIp;
  }

  /** Number of instances. */
  get size(): number {
    return this.byId.size;
  }

  get volumeCount(): number {
    return this.volumesById.size;
  }

  get addressCount(): number {
    let count = 0;
    for (const list of this.addressesByScope.values()) count += list.length;
    return count;
  }
}

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

function scopeKey(accountId: string, region: string): string {
  return `${accountId}/${region}`;
}
