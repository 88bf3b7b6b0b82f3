import { COMPUTE_PART_TYPES, COMPUTE_TYPES } from '@ccx/core';
import type { ResourceFilter, Store, StoredResource } from '@ccx/store';
import { stringOrNull } from './resource-fields';

export interface RelatedResource {
  uid: string;
  type: string;
  id: string;
  name: string | null;
  state: string | null;
}

/** Neighbours are read from the store this many at a time. */
const RELATED_PAGE = 500;

const lower = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? value.toLowerCase() : null;
const lowerList = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(lower).filter((v): v is string => v !== null) : [];
const strings = (...values: unknown[]): string[] =>
  values
    .flatMap((value) => (Array.isArray(value) ? (value as unknown[]) : [value]))
    .filter((value): value is string => typeof value === 'string' && value.length > 0);

type AnyOf = NonNullable<ResourceFilter['anyOf']>;

/**
 * Which resources of `type` in the same account and region belong to `resource`, by the
 * attributes the inventory records on either side. `candidates` is what the store is asked
 * for (any of these ids or attribute values, case-insensitively), so only the linked rows are
 * read however many others the region holds; `belongs` then decides exactly. ARM ids compare
 * case-insensitively, as Azure treats them.
 */
const RELATIONS: Record<
  string,
  {
    type: string;
    candidates(owner: StoredResource): AnyOf;
    belongs(candidate: StoredResource, owner: StoredResource): boolean;
  }[]
> = {
  [COMPUTE_TYPES.ec2Instance]: [
    {
      type: COMPUTE_TYPES.ec2Volume,
      candidates: (instance) => ({
        id: strings(instance.attributes['volumeIds']),
        attributes: { attachedInstanceId: [instance.id] },
      }),
      belongs: (volume, instance) =>
        volume.attributes['attachedInstanceId'] === instance.id ||
        lowerList(instance.attributes['volumeIds']).includes(volume.id.toLowerCase()),
    },
    {
      type: COMPUTE_TYPES.ec2Address,
      candidates: (instance) => ({ attributes: { instanceId: [instance.id] } }),
      belongs: (address, instance) => address.attributes['instanceId'] === instance.id,
    },
  ],
  [COMPUTE_TYPES.azureVm]: [
    {
      type: COMPUTE_TYPES.azureDisk,
      candidates: (vm) => ({
        id: strings(vm.attributes['osDiskId'], vm.attributes['dataDiskIds']),
        attributes: { managedBy: [vm.id] },
      }),
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
      candidates: (service) => {
        const arn = strings(service.attributes['clusterArn']);
        return { id: arn, attributes: { clusterArn: arn } };
      },
      belongs: (cluster, service) =>
        lower(service.attributes['clusterArn']) === cluster.id.toLowerCase() ||
        lower(service.attributes['clusterArn']) === lower(cluster.attributes['clusterArn']),
    },
  ],
};

/**
 * Every stored resource the filter matches, read `page` rows at a time in id order, so a filter
 * that matches many rows is read whole rather than cut at one page.
 */
export async function queryAll(
  store: Store,
  filter: ResourceFilter,
  page: number,
): Promise<StoredResource[]> {
  const all: StoredResource[] = [];
  for (let offset = 0; ; offset += page) {
    const { items, total } = await store.resources.query({
      ...filter,
      sort: { field: 'id', dir: 'asc' },
      offset,
      limit: page,
    });
    all.push(...items);
    if (items.length < page || offset + page >= total) break;
  }
  return all;
}

/** Volumes and addresses of an instance, disks of a VM, the cluster of a service. */
export async function relatedResources(
  store: Store,
  resource: StoredResource,
): Promise<RelatedResource[]> {
  const relations = RELATIONS[resource.type] ?? [];
  const found = await Promise.all(
    relations.map(async (relation) => {
      const anyOf = relation.candidates(resource);
      const linked = await queryAll(
        store,
        {
          provider: [resource.provider],
          account: [resource.account],
          region: [resource.region],
          type: [relation.type],
          anyOf,
        },
        RELATED_PAGE,
      );
      return linked.filter((candidate) => relation.belongs(candidate, resource));
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

/** One task of an ECS service, as its detail lists it. */
export interface ServiceTask {
  uid: string;
  /** The task id (the last segment of its ARN). */
  id: string;
  state: string | null;
  desiredStatus: string | null;
  /** `family:revision`, and whether that is the revision the service runs now. */
  taskDefinition: string | null;
  revision: number | null;
  current: boolean;
  healthStatus: string | null;
  launchType: string | null;
  availabilityZone: string | null;
  privateIp: string | null;
  startedAt: string | null;
  stoppedAt: string | null;
  stopCode: string | null;
  stoppedReason: string | null;
}

/** A service's detail shows at most this many tasks: live ones first, then the latest stopped. */
export const MAX_SERVICE_TASKS = 200;

/** The revision number of `family:revision`. */
function revisionOf(taskDefinition: string | null): number | null {
  const match = taskDefinition ? /:(\d+)$/.exec(taskDefinition) : null;
  return match ? Number(match[1]) : null;
}

function toServiceTask(task: StoredResource, serviceRevision: string | null): ServiceTask {
  const a = task.attributes;
  const taskDefinition = stringOrNull(a['taskDefinition']);
  return {
    uid: task.uid,
    id: task.name ?? task.id.slice(task.id.indexOf('/') + 1),
    state: task.state,
    desiredStatus: stringOrNull(a['desiredStatus']),
    taskDefinition,
    revision: revisionOf(taskDefinition),
    current: taskDefinition !== null && taskDefinition === serviceRevision,
    healthStatus: stringOrNull(a['healthStatus']),
    launchType: stringOrNull(a['launchType']),
    availabilityZone: stringOrNull(a['availabilityZone']),
    privateIp: stringOrNull(a['privateIp']),
    startedAt: stringOrNull(a['startedAt']),
    stoppedAt: stringOrNull(a['stoppedAt']),
    stopCode: stringOrNull(a['stopCode']),
    stoppedReason: stringOrNull(a['stoppedReason']),
  };
}

/** Live tasks first (latest started first), then stopped ones (latest stopped first). */
function byRecency(a: ServiceTask, b: ServiceTask): number {
  const stoppedA = a.state === 'stopped' ? 1 : 0;
  const stoppedB = b.state === 'stopped' ? 1 : 0;
  if (stoppedA !== stoppedB) return stoppedA - stoppedB;
  const at = (t: ServiceTask) => (stoppedA ? t.stoppedAt : t.startedAt) ?? '';
  return at(b).localeCompare(at(a)) || a.id.localeCompare(b.id);
}

/** Tasks are read from the store this many at a time. */
const TASK_PAGE = 1000;

/**
 * The stored tasks of an ECS service: tasks in its account and region whose cluster and group
 * name the service, asked of the store by those attributes and read page by page, so a big
 * cluster's other tasks neither crowd them out nor get loaded. Empty for anything that is not
 * a service.
 */
export async function serviceTasks(store: Store, service: StoredResource): Promise<ServiceTask[]> {
  if (service.type !== COMPUTE_TYPES.ecsService) return [];
  const cluster = stringOrNull(service.attributes['clusterName']);
  if (!cluster || !service.name) return [];
  const tasks = await queryAll(
    store,
    {
      provider: [service.provider],
      account: [service.account],
      region: [service.region],
      type: [COMPUTE_PART_TYPES.ecsTask],
      attributes: { clusterName: cluster, service: service.name },
    },
    TASK_PAGE,
  );
  const definition = stringOrNull(service.attributes['taskDefinition']);
  const serviceRevision = definition ? definition.slice(definition.lastIndexOf('/') + 1) : null;
  return tasks
    .map((task) => toServiceTask(task, serviceRevision))
    .sort(byRecency)
    .slice(0, MAX_SERVICE_TASKS);
}
