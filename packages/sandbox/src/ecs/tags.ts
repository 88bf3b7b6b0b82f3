import { z } from 'zod';
import type { JsonOperationContext } from '../aws/json-router';
import { parseEcsArn } from './arns';
import type { EcsEstate } from './ecs-estate';
import { clusterNotFound, invalidParameter, parseInput, serviceNotFound } from './ecs-errors';
import { ecsContext, findCluster, findService, findTaskDefinition } from './lookup';
import { renderTags } from './render';

const input = z.object({ resourceArn: z.string().optional() });

/** ListTagsForResource for a cluster, service or task definition ARN of the caller's scope. */
export function listTagsForResource(
  estate: EcsEstate,
  transitionMs: number,
  ctx: JsonOperationContext,
) {
  const { resourceArn } = parseInput(input, ctx.input);
  if (!resourceArn) throw invalidParameter('resourceArn cannot be empty.');
  const ecs = ecsContext(estate, transitionMs, ctx);
  const arn = parseEcsArn(ecs.scope.key, resourceArn);
  if (!arn || arn.kind === 'other' || arn.kind === 'task') {
    throw invalidParameter('The ARN provided is invalid.');
  }
  switch (arn.kind) {
    case 'cluster': {
      const cluster = ecs.scope.cluster(arn.cluster);
      if (!cluster) throw clusterNotFound();
      return { tags: renderTags(cluster.tags) };
    }
    case 'service': {
      if (arn.cluster === null) throw invalidParameter('The ARN provided is invalid.');
      const service = findService(ecs, findCluster(ecs, arn.cluster), arn.service);
      if (!service) throw serviceNotFound();
      return { tags: renderTags(service.tags) };
    }
    case 'task-definition': {
      const definition = findTaskDefinition(ecs, resourceArn);
      if (!definition) throw invalidParameter('The specified task definition does not exist.');
      return { tags: renderTags(definition.tags) };
    }
  }
}
