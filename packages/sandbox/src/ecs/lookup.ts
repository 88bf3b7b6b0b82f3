import type { JsonOperationContext } from '../aws/json-router';
import { parseEcsArn, parseTaskDefinitionName } from './arns';
import type { EcsEstate, EcsScope } from './ecs-estate';
import { clusterNotFound, invalidParameter } from './ecs-errors';
import type { ClusterRecord, ServiceRecord, TaskDefinitionRecord } from './records';
import { settleService, type RolloutContext } from './rollout';

const CLUSTER_NAME = /^[a-zA-Z0-9_-]{1,255}$/;

/** What every ECS operation works with: the caller's scope and the rollout clock. */
export interface EcsContext {
  scope: EcsScope;
  rollout: RolloutContext;
  now: number;
}

export function ecsContext(
  estate: EcsEstate,
  transitionMs: number,
  ctx: JsonOperationContext,
): EcsContext {
  const scope = estate.scope(ctx.principal.accountId, ctx.region);
  return { scope, now: ctx.now, rollout: { estate, scope: scope.key, transitionMs } };
}

/**
 * A cluster named by name or ARN; `default` when the request names none, as ECS does. An ARN
 * of another account or region, a name that does not exist, or a deleted (INACTIVE) cluster is
 * ClusterNotFoundException.
 */
export function findCluster(ecs: EcsContext, value: string | undefined): ClusterRecord {
  const identifier = value ?? 'default';
  let name = identifier;
  if (identifier.startsWith('arn:')) {
    const arn = parseEcsArn(ecs.scope.key, identifier);
    if (!arn || arn.kind !== 'cluster') throw clusterNotFound();
    name = arn.cluster;
  } else if (!CLUSTER_NAME.test(identifier)) {
    throw invalidParameter(
      `Cluster must match ^[a-zA-Z0-9\\-_]{1,255}$, but was ${identifier.slice(0, 300)}`,
    );
  }
  const cluster = ecs.scope.cluster(name);
  if (!cluster || cluster.status !== 'ACTIVE') throw clusterNotFound();
  return cluster;
}

/** A service of `cluster` by name or ARN, brought up to date; undefined when there is none. */
export function findService(
  ecs: EcsContext,
  cluster: ClusterRecord,
  identifier: string,
): ServiceRecord | undefined {
  let name = identifier;
  if (identifier.startsWith('arn:')) {
    const arn = parseEcsArn(ecs.scope.key, identifier);
    if (!arn || arn.kind !== 'service') return undefined;
    if (arn.cluster !== null && arn.cluster !== cluster.name) return undefined;
    name = arn.service;
  }
  const service = cluster.services.find((candidate) => candidate.name === name);
  if (service) settleService(ecs.rollout, service, ecs.now);
  return service;
}

/** Every service of the cluster, brought up to date. */
export function settledServices(ecs: EcsContext, cluster: ClusterRecord): ServiceRecord[] {
  for (const service of cluster.services) settleService(ecs.rollout, service, ecs.now);
  return cluster.services;
}

/** `family`, `family:revision` or a task definition ARN of this scope. */
export function findTaskDefinition(
  ecs: EcsContext,
  identifier: string,
): TaskDefinitionRecord | undefined {
  if (identifier.startsWith('arn:')) {
    const arn = parseEcsArn(ecs.scope.key, identifier);
    if (!arn || arn.kind !== 'task-definition') return undefined;
    return ecs.scope.taskDefinition(arn.family, arn.revision);
  }
  const ref = parseTaskDefinitionName(identifier);
  return ref ? ecs.scope.taskDefinition(ref.family, ref.revision) : undefined;
}
