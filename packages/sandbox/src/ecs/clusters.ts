import { z } from 'zod';
import type { JsonOperationContext } from '../aws/json-router';
import type { EcsEstate } from './ecs-estate';
import { parseEcsArn } from './arns';
import { parseInput, tooManyItems } from './ecs-errors';
import { ecsContext, settledServices } from './lookup';
import { pageOf } from './paging';
import { renderCluster } from './render';

const listClustersInput = z.object({
  nextToken: z.string().optional(),
  maxResults: z.number().int().optional(),
});

const describeClustersInput = z.object({
  clusters: z.array(z.string()).optional(),
  include: z.array(z.string()).optional(),
});

export function listClusters(estate: EcsEstate, transitionMs: number, ctx: JsonOperationContext) {
  const input = parseInput(listClustersInput, ctx.input);
  const { scope } = ecsContext(estate, transitionMs, ctx);
  const arns = scope.clusters.map((cluster) => cluster.arn);
  const { page, nextToken } = pageOf(arns, ['clusters'], input, 100);
  return { clusterArns: page, ...(nextToken ? { nextToken } : {}) };
}

/** DescribeClusters: up to 100 by name or ARN (`default` when none); unknown ones are failures. */
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
