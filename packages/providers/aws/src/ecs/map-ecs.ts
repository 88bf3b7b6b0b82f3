import type { Cluster, Deployment, Service, Tag } from '@aws-sdk/client-ecs';
import { makeResource, type Resource } from '@ccx/core';
import { ECS_CLUSTER, ECS_SERVICE, serviceResourceId } from './ecs-types';
import type { TaskSize } from './task-sizes';

function tagsOf(tags: readonly Tag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.key !== undefined) out[tag.key] = tag.value ?? '';
  return out;
}

const iso = (date: Date | undefined) => (date ? date.toISOString() : null);
const lower = (status: string | undefined) => (status ? status.toLowerCase() : null);

export function mapCluster(account: string, region: string, cluster: Cluster): Resource {
  return makeResource({
    provider: 'aws',
    account,
    region,
    type: ECS_CLUSTER,
    id: cluster.clusterName ?? '',
    name: cluster.clusterName ?? null,
    state: lower(cluster.status),
    tags: tagsOf(cluster.tags),
    createdAt: null,
    attributes: {
      clusterArn: cluster.clusterArn ?? null,
      activeServicesCount: cluster.activeServicesCount ?? 0,
      runningTasksCount: cluster.runningTasksCount ?? 0,
      pendingTasksCount: cluster.pendingTasksCount ?? 0,
      registeredContainerInstancesCount: cluster.registeredContainerInstancesCount ?? 0,
      capacityProviders: cluster.capacityProviders ?? [],
    },
  });
}

function mapDeployment(deployment: Deployment) {
  return {
    id: deployment.id ?? null,
    status: deployment.status ?? null,
    rolloutState: deployment.rolloutState ?? null,
    taskDefinition: deployment.taskDefinition ?? null,
    desiredCount: deployment.desiredCount ?? 0,
    runningCount: deployment.runningCount ?? 0,
    pendingCount: deployment.pendingCount ?? 0,
    createdAt: iso(deployment.createdAt),
  };
}

/**
 * True when the service has settled: one deployment, running what it should. The SDK's
 * services-stable waiter uses the same test.
 */
export function isStable(service: Service): boolean {
  return (service.deployments ?? []).length === 1 && service.runningCount === service.desiredCount;
}

/**
 * An ECS service as a core Resource: id `<cluster>/<service>`, state the lower-cased status,
 * and in `attributes` the counts, deployments, and the task size and containers (name and
 * image) read from its task definition (null when that definition could not be read).
 */
export function mapService(
  account: string,
  region: string,
  service: Service,
  taskSize: TaskSize | null,
): Resource {
  const clusterName = service.clusterArn?.slice(service.clusterArn.lastIndexOf('/') + 1) ?? '';
  const serviceName = service.serviceName ?? '';
  return makeResource({
    provider: 'aws',
    account,
    region,
    type: ECS_SERVICE,
    id: serviceResourceId({ cluster: clusterName, service: serviceName }),
    name: serviceName || null,
    state: lower(service.status),
    tags: tagsOf(service.tags),
    createdAt: iso(service.createdAt),
    attributes: {
      clusterName,
      clusterArn: service.clusterArn ?? null,
      serviceArn: service.serviceArn ?? null,
      launchType: service.launchType ?? null,
      desiredCount: service.desiredCount ?? 0,
      runningCount: service.runningCount ?? 0,
      pendingCount: service.pendingCount ?? 0,
      stable: isStable(service),
      taskDefinition: service.taskDefinition ?? null,
      taskCpu: taskSize?.cpu ?? null,
      taskMemory: taskSize?.memory ?? null,
      containers: taskSize?.containers ?? null,
      deployments: (service.deployments ?? []).map(mapDeployment),
      createdAt: iso(service.createdAt),
    },
  });
}
