import { z } from 'zod';
import type { JsonOperationContext } from '../aws/json-router';
import { serviceArn } from './arns';
import type { EcsEstate } from './ecs-estate';
import {
  clientException,
  invalidParameter,
  parseInput,
  serviceNotActive,
  serviceNotFound,
  tooManyItems,
} from './ecs-errors';
import { ecsContext, findCluster, findService, findTaskDefinition } from './lookup';
import { pageOf } from './paging';
import { renderService } from './render';
import { settleService, updateService as applyUpdate } from './rollout';

const listServicesInput = z.object({
  cluster: z.string().optional(),
  nextToken: z.string().optional(),
  maxResults: z.number().int().optional(),
  launchType: z.string().optional(),
  schedulingStrategy: z.string().optional(),
});

const describeServicesInput = z.object({
  cluster: z.string().optional(),
  services: z.array(z.string()).optional(),
  include: z.array(z.string()).optional(),
});

const deleteServiceInput = z.object({
  cluster: z.string().optional(),
  service: z.string().optional(),
  force: z.boolean().optional(),
});

const updateServiceInput = z.object({
  cluster: z.string().optional(),
  service: z.string().optional(),
  desiredCount: z.number().int().optional(),
  taskDefinition: z.string().optional(),
  forceNewDeployment: z.boolean().optional(),
});

/**
 * ListServices: the ACTIVE services of a cluster, 10 a page unless asked otherwise; a deleted
 * service is no longer listed, whether still DRAINING or INACTIVE.
 */
export function listServices(estate: EcsEstate, transitionMs: number, ctx: JsonOperationContext) {
  const input = parseInput(listServicesInput, ctx.input);
  const ecs = ecsContext(estate, transitionMs, ctx);
  const cluster = findCluster(ecs, input.cluster);
  // Every sandbox service is a REPLICA one: a DAEMON filter matches none.
  const strategyMatches = !input.schedulingStrategy || input.schedulingStrategy === 'REPLICA';
  const arns = cluster.services
    .filter((service) => strategyMatches && service.status === 'ACTIVE')
    .filter((service) => !input.launchType || service.launchType === input.launchType)
    .map((service) => service.arn);
  const listing = [cluster.arn, input.launchType ?? null, input.schedulingStrategy ?? null];
  const { page, nextToken } = pageOf(arns, listing, input, 10);
  return { serviceArns: page, ...(nextToken ? { nextToken } : {}) };
}

/**
 * DescribeServices: at most 10 services a call, by name or ARN. Unknown ones are reported as
 * `MISSING` failures (which the SDK's services-stable waiter treats as final); deleted ones are
 * still described, with status INACTIVE.
 */
export function describeServices(
  estate: EcsEstate,
  transitionMs: number,
  ctx: JsonOperationContext,
) {
  const input = parseInput(describeServicesInput, ctx.input);
  const identifiers = input.services ?? [];
  if (identifiers.length === 0) throw invalidParameter('Services cannot be empty.');
  if (identifiers.length > 10) throw tooManyItems('service names', 10);
  const ecs = ecsContext(estate, transitionMs, ctx);
  const cluster = findCluster(ecs, input.cluster);
  const withTags = (input.include ?? []).includes('TAGS');
  const services = [];
  const failures = [];
  for (const identifier of identifiers) {
    const service = findService(ecs, cluster, identifier);
    if (service) services.push(renderService(service, withTags));
    else
      failures.push({
        arn: identifier.startsWith('arn:')
          ? identifier
          : serviceArn(ecs.scope.key, cluster.name, identifier),
        reason: 'MISSING',
      });
  }
  return { services, failures };
}

/**
 * The request read with `schema`, and the service it names, which must exist and be ACTIVE: a
 * DRAINING or INACTIVE service takes no more changes.
 */
function activeService<T extends z.ZodType<{ cluster?: string; service?: string }>>(
  schema: T,
  estate: EcsEstate,
  transitionMs: number,
  ctx: JsonOperationContext,
) {
  const input = parseInput(schema, ctx.input);
  if (!input.service) throw invalidParameter('Service cannot be empty.');
  const ecs = ecsContext(estate, transitionMs, ctx);
  const cluster = findCluster(ecs, input.cluster);
  const service = findService(ecs, cluster, input.service);
  if (!service) throw serviceNotFound();
  if (service.status !== 'ACTIVE') throw serviceNotActive();
  return { input, ecs, service };
}

/**
 * UpdateService: a new desired count and/or task definition. The whole request is validated
 * before anything changes; the answer is the service as it stands right after the call.
 */
export function updateService(estate: EcsEstate, transitionMs: number, ctx: JsonOperationContext) {
  const { input, ecs, service } = activeService(updateServiceInput, estate, transitionMs, ctx);
  if (input.desiredCount !== undefined && input.desiredCount < 0) {
    throw invalidParameter('The desired count must be greater than or equal to 0.');
  }
  let taskDefinitionArn: string | undefined;
  if (input.taskDefinition !== undefined) {
    const definition = findTaskDefinition(ecs, input.taskDefinition);
    if (!definition) throw clientException('TaskDefinition not found.');
    if (!definition.requiresCompatibilities.includes(service.launchType)) {
      throw invalidParameter(`Task definition does not support launch_type ${service.launchType}.`);
    }
    taskDefinitionArn = definition.arn;
  }
  settleService(ecs.rollout, service, ecs.now);
  applyUpdate(ecs.rollout, service, ecs.now, {
    desiredCount: input.desiredCount,
    taskDefinitionArn,
    forceNewDeployment: input.forceNewDeployment ?? false,
  });
  return { service: renderService(service, false) };
}

/**
 * DeleteService: only a service scaled to 0, unless `force` scales it to 0 itself. The service
 * turns DRAINING, its scheduler stops its tasks over the next transition, and once none is left
 * it becomes INACTIVE (see `settleService`).
 */
export function deleteService(estate: EcsEstate, transitionMs: number, ctx: JsonOperationContext) {
  const { input, ecs, service } = activeService(deleteServiceInput, estate, transitionMs, ctx);
  if (service.desiredCount > 0 && !input.force) {
    throw invalidParameter('The service cannot be stopped while it is scaled above 0.');
  }
  applyUpdate(ecs.rollout, service, ecs.now, { desiredCount: 0, forceNewDeployment: false });
  service.status = 'DRAINING';
  return { service: renderService(service, false) };
}
