import { z } from 'zod';
import type { JsonOperationContext } from '../aws/json-router';
import type { EcsEstate } from './ecs-estate';
import { parseEcsArn } from './arns';
import {
  clusterContainsContainerInstances,
  clusterContainsServices,
  clusterContainsTasks,
  invalidParameter,
  parseInput,
  tooManyItems,
} from './ecs-errors';
import { ecsContext, findCluster, settledServices } from './lookup';
import { pageOf } from './paging';
import { renderCluster } from './render';

const listClustersInput = z.object({
  nextToken: z.string().optional(),
  maxResults: z.number().int().optional(),
});

const deleteClusterInput = z.object({ cluster: z.string().optional() });

const describeClustersInput = z.object({
  clusters: z.array(z.string()).optional(),
  include: z.array(z.string()).optional(),
});

/** ListClusters: the live clusters; deleted (INACTIVE) ones are no longer listed. */
export function listClusters(estate: EcsEstate, transitionMs: number, ctx: JsonOperationContext) {
  const input = parseInput(listClustersInput, ctx.input);
  const { scope } = ecsContext(estate, transitionMs, ctx);
  const arns = scope.clusters
    .filter((cluster) => cluster.status === 'ACTIVE')
    .map((cluster) => cluster.arn);
  const { page, nextToken } = pageOf(arns, ['clusters'], input, 100);
  return { clusterArns: page, ...(nextToken ? { nextToken } : {}) };
}

/**
 * DescribeClusters: up to 100 by name or ARN (`default` when none); unknown ones are failures,
 * deleted ones are still described, with status INACTIVE.
 */
export function describeClusters(
  estate: EcsEstate,
  transitionMs: number,
  ctx: JsonOperationContext,
) {
  const input = parseInput(describeClustersInput, ctx.input);
  const identifiers = input.clusters ?? ['default'];
  if (identifiers.length > 100) throw tooManyItems('clusters', 100);
  const ecs = ecsContext(estate, transitionMs, ctx);
  const include = new Set(input.include ?? []);
  const clusters = [];
  const failures = [];
  for (const identifier of identifiers) {
    const arn = identifier.startsWith('arn:') ? parseEcsArn(ecs.scope.key, identifier) : null;
    const name = arn?.kind === 'cluster' ? arn.cluster : identifier;
    const cluster = ecs.scope.cluster(name);
    if (!cluster) {
      failures.push({
        arn: identifier.startsWith('arn:')
          ? identifier
          : `arn:aws:ecs:${ecs.scope.key.region}:${ecs.scope.key.accountId}:cluster/${identifier}`,
        reason: 'MISSING',
      });
      continue;
    }
    settledServices(ecs, cluster);
    clusters.push(renderCluster(cluster, include));
  }
  return { clusters, failures };
}

/**
 * DeleteCluster: the cluster becomes INACTIVE. ECS refuses while container instances are
 * registered, while a service is not yet INACTIVE (DRAINING ones included) or while a task
 * runs or is pending; stopped tasks do not hold it. Services are settled first, so a service
 * deleted a transition ago has drained.
 */
export function deleteCluster(estate: EcsEstate, transitionMs: number, ctx: JsonOperationContext) {
  const input = parseInput(deleteClusterInput, ctx.input);
  if (!input.cluster) throw invalidParameter('Cluster cannot be empty.');
  const ecs = ecsContext(estate, transitionMs, ctx);
  const cluster = findCluster(ecs, input.cluster);
  const services = settledServices(ecs, cluster);
  if (cluster.registeredContainerInstancesCount > 0) throw clusterContainsContainerInstances();
  if (services.some((service) => service.status !== 'INACTIVE')) throw clusterContainsServices();
  const tasks = services.some((service) => service.deployments.some((d) => d.tasks.length > 0));
  if (tasks || cluster.standaloneTasks.length > 0) throw clusterContainsTasks();
  cluster.status = 'INACTIVE';
  return { cluster: renderCluster(cluster, new Set()) };
}
