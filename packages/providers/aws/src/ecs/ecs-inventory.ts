import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  paginateListServices,
  type ECSClient,
  type Service,
} from '@aws-sdk/client-ecs';
import { CcxError, type Inventory, type Resource } from '@ccx/core';
import type { AccountDirectory } from '../account-directory';
import type { ClientPool } from '../client-pool';
import { ClusterArnCache } from './cluster-arn-cache';
import { CONCURRENCY, LIST_PAGE_SIZE } from './cluster-arns';
import { eachCluster, scopeClusterArns, withEcsClient, type EcsListing } from './cluster-walk';
import { listTasks } from './ecs-tasks';
import { ECS_CLUSTER, ECS_SERVICE, ECS_TASK } from './ecs-types';
import { mapCluster, mapService } from './map-ecs';
import { chunks, mapLimit } from './map-limit';
import { TaskSizes } from './task-sizes';

/** ECS's batch limits: DescribeServices takes 10 services, DescribeClusters 100 clusters. */
export const DESCRIBE_SERVICES_BATCH = 10;
export const DESCRIBE_CLUSTERS_BATCH = 100;
/**
 * ECS clusters of one scope: ListClusters (shared with the run's other ECS types), then
 * DescribeClusters 100 at a time, with tags. A cluster deleted since its ARN was listed is
 * described INACTIVE for a while, or reported as a MISSING failure: either way it is gone, so
 * it is not listed, and the sync removes it from the store.
 */
function listClusters(listing: EcsListing): AsyncIterable<Resource> {
  const { scope, signal } = listing;
  return withEcsClient(listing, 'clusters', async function* (client) {
    for (const batch of chunks(await scopeClusterArns(listing, client), DESCRIBE_CLUSTERS_BATCH)) {
      const out = await client.send(
        new DescribeClustersCommand({ clusters: batch, include: ['TAGS'] }),
        { abortSignal: signal },
      );
      for (const cluster of out.clusters ?? []) {
        if (cluster.clusterName && cluster.status !== 'INACTIVE')
          yield mapCluster(scope.account, scope.region, cluster);
      }
    }
  });
}

async function describeServices(
  client: ECSClient,
  clusterArn: string,
  serviceArns: readonly string[],
  signal?: AbortSignal,
): Promise<Service[]> {
  const batches = await mapLimit(
    chunks(serviceArns, DESCRIBE_SERVICES_BATCH),
    CONCURRENCY,
    (batch) =>
      client.send(
        new DescribeServicesCommand({ cluster: clusterArn, services: batch, include: ['TAGS'] }),
        { abortSignal: signal },
      ),
  );
  return batches.flatMap((out) => out.services ?? []);
}

/**
 * ECS services of one scope, cluster by cluster: ListServices (100 a page), DescribeServices
 * 10 at a time with tags, and each task definition not seen before once, for the task's CPU
 * and memory. Never one call per service.
 */
function listServices(listing: EcsListing, sizes: TaskSizes): AsyncIterable<Resource> {
  const { scope, signal } = listing;
  return eachCluster(listing, 'services', async (client, clusterArn) => {
    const serviceArns: string[] = [];
    const pages = paginateListServices(
      { client, pageSize: LIST_PAGE_SIZE },
      { cluster: clusterArn },
      { abortSignal: signal },
    );
    for await (const page of pages) serviceArns.push(...(page.serviceArns ?? []));
    const services = await describeServices(client, clusterArn, serviceArns, signal);
    const arns = [
      ...new Set(services.flatMap((s) => (s.taskDefinition ? [s.taskDefinition] : []))),
    ];
    const known = new Map(
      await mapLimit(
        arns,
        CONCURRENCY,
        async (arn) => [arn, await sizes.get(client, arn, signal)] as const,
      ),
    );
    return services.flatMap((service) => {
      if (!service.serviceName) return [];
      const size = service.taskDefinition ? known.get(service.taskDefinition) : undefined;
      return [mapService(scope.account, scope.region, service, size ?? null)];
    });
  });
}

/**
 * ECS clusters, services and tasks of a scope, as one inventory. The listings of a scope in one
 * sync run that run in this process page through ListClusters once between them; workers in
 * other processes each page through it once more.
 */
export function ecsInventory(accounts: AccountDirectory, clients: ClientPool): Inventory {
  const sizes = new TaskSizes();
  const clusters = new ClusterArnCache();
  return {
    types: [ECS_CLUSTER, ECS_SERVICE, ECS_TASK],
    list(scope, type, options) {
      const listing: EcsListing = {
        accounts,
        clients,
        scope,
        signal: options?.signal,
        run: options?.run,
        clusters,
      };
      if (type === ECS_CLUSTER) return listClusters(listing);
      if (type === ECS_SERVICE) return listServices(listing, sizes);
      if (type === ECS_TASK) return listTasks(listing);
      throw new CcxError('invalid_input', `The AWS provider cannot list ${type}`);
    },
  };
}
