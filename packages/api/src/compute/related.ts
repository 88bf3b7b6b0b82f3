import { COMPUTE_TYPES } from '@ccx/core';
import type { Store, StoredResource } from '@ccx/store';

export interface RelatedResource {
  uid: string;
  type: string;
  id: string;
  name: string | null;
  state: string | null;
}

/** Neighbours are looked for among at most this many resources of a type in one region. */
const MAX_CANDIDATES = 2000;

const lower = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? value.toLowerCase() : null;
const lowerList = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(lower).filter((v): v is string => v !== null) : [];

/**
 * Which resources of `type` in the same account and region belong to `resource`, by the
 * attributes the inventory records on either side. ARM ids compare case-insensitively, as
 * Azure treats them.
 */
const RELATIONS: Record<
  string,
  { type: string; belongs(candidate: StoredResource, owner: StoredResource): boolean }[]
> = {
  [COMPUTE_TYPES.ec2Instance]: [
    {
      type: COMPUTE_TYPES.ec2Volume,
      belongs: (volume, instance) =>
        volume.attributes['attachedInstanceId'] === instance.id ||
        lowerList(instance.attributes['volumeIds']).includes(volume.id.toLowerCase()),
    },
    {
      type: COMPUTE_TYPES.ec2Address,
      belongs: (address, instance) => address.attributes['instanceId'] === instance.id,
    },
  ],
  [COMPUTE_TYPES.azureVm]: [
    {
      type: COMPUTE_TYPES.azureDisk,
      belongs: (disk, vm) => {
        const id = disk.id.toLowerCase();
        return (
          lower(disk.attributes['managedBy']) === vm.id.toLowerCase() ||
          lower(vm.attributes['osDiskId']) === id ||
          lowerList(vm.attributes['dataDiskIds']).includes(id)
        );
      },
    },
  ],
  [COMPUTE_TYPES.ecsService]: [
    {
      type: COMPUTE_TYPES.ecsCluster,
      belongs: (cluster, service) =>
        lower(service.attributes['clusterArn']) === cluster.id.toLowerCase() ||
        lower(service.attributes['clusterArn']) === lower(cluster.attributes['clusterArn']),
    },
  ],
};

/** Volumes and addresses of an instance, disks of a VM, the cluster of a service. */
export async function relatedResources(
  store: Store,
  resource: StoredResource,
): Promise<RelatedResource[]> {
  const relations = RELATIONS[resource.type] ?? [];
  const found = await Promise.all(
    relations.map(async (relation) => {
      const { items } = await store.resources.query({
        provider: [resource.provider],
        account: [resource.account],
        region: [resource.region],
        type: [relation.type],
        sort: { field: 'id', dir: 'asc' },
        offset: 0,
        limit: MAX_CANDIDATES,
      });
      return items.filter((candidate) => relation.belongs(candidate, resource));
    }),
  );
  return found.flat().map((r) => ({
    uid: r.uid,
    type: r.type,
    id: r.id,
    name: r.name,
    state: r.state,
  }));
}
