import { z } from 'zod';
import type { JsonOperationContext } from '../aws/json-router';
import { parseEcsArn, taskArn } from './arns';
import type { EcsEstate } from './ecs-estate';
import { invalidParameter, parseInput, serviceNotFound, tooManyItems } from './ecs-errors';
import { ecsContext, findCluster, findService, settledServices, type EcsContext } from './lookup';
import { pageOf } from './paging';
import type { ClusterRecord, StoppedTaskRecord, TaskRecord } from './records';
import { renderTask } from './render';

const listTasksInput = z.object({
  cluster: z.string().optional(),
  serviceName: z.string().optional(),
  family: z.string().optional(),
  startedBy: z.string().optional(),
  launchType: z.string().optional(),
  desiredStatus: z.string().optional(),
  nextToken: z.string().optional(),
  maxResults: z.number().int().optional(),
});

const describeTasksInput = z.object({
  cluster: z.string().optional(),
  tasks: z.array(z.string()).optional(),
  include: z.array(z.string()).optional(),
});

/**
 * The cluster's tasks once its services are brought up to date (which also moves the tasks they
 * stopped to `stopped`): the live ones (services' first, then standalone) and the kept stopped.
 */
function settledTasks(
  ecs: EcsContext,
  cluster: ClusterRecord,
): { live: TaskRecord[]; stopped: StoppedTaskRecord[] } {
  const live: TaskRecord[] = [];
  for (const service of settledServices(ecs, cluster))
    for (const deployment of service.deployments) live.push(...deployment.tasks);
  live.push(...cluster.standaloneTasks);
  return { live, stopped: cluster.stoppedTasks };
}

const familyOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1, arn.lastIndexOf(':'));

/**
 * ListTasks: with `desiredStatus` RUNNING (the default) or PENDING the tasks meant to run,
 * pending ones included, as ECS does; with STOPPED the ones the cluster still keeps.
 */
export function listTasks(estate: EcsEstate, transitionMs: number, ctx: JsonOperationContext) {
  const input = parseInput(listTasksInput, ctx.input);
  const ecs = ecsContext(estate, transitionMs, ctx);
  const cluster = findCluster(ecs, input.cluster);
  if (input.serviceName !== undefined && !findService(ecs, cluster, input.serviceName)) {
    throw serviceNotFound();
  }
  const status = input.desiredStatus ?? 'RUNNING';
  if (!['RUNNING', 'PENDING', 'STOPPED'].includes(status)) {
    throw invalidParameter('desiredStatus must be one of RUNNING, PENDING, STOPPED.');
  }
  const serviceName = input.serviceName?.slice(input.serviceName.lastIndexOf('/') + 1);
  const { live, stopped } = settledTasks(ecs, cluster);
  const candidates: readonly (TaskRecord | StoppedTaskRecord)[] =
    status === 'STOPPED' ? stopped : live;
  const arns = candidates
    .filter((task) => !serviceName || task.group === `service:${serviceName}`)
    .filter((task) => !input.family || familyOf(task.taskDefinitionArn) === input.family)
    .filter((task) => !input.startedBy || task.startedBy === input.startedBy)
    .filter((task) => !input.launchType || task.launchType === input.launchType)
    .map((task) => task.arn);
  const listing = [
    cluster.arn,
    status === 'STOPPED',
    serviceName,
    input.family,
    input.startedBy,
    input.launchType,
  ];
  const { page, nextToken } = pageOf(arns, listing, input, 100);
  return { taskArns: page, ...(nextToken ? { nextToken } : {}) };
}

/** DescribeTasks: up to 100 tasks by id or ARN; unknown ones are `MISSING` failures. */
export function describeTasks(estate: EcsEstate, transitionMs: number, ctx: JsonOperationContext) {
  const input = parseInput(describeTasksInput, ctx.input);
  const identifiers = input.tasks ?? [];
  if (identifiers.length === 0) throw invalidParameter('Tasks cannot be empty.');
  if (identifiers.length > 100) throw tooManyItems('tasks', 100);
  const ecs = ecsContext(estate, transitionMs, ctx);
  const cluster = findCluster(ecs, input.cluster);
  const { live, stopped } = settledTasks(ecs, cluster);
  const byId = new Map<string, TaskRecord | StoppedTaskRecord>(
    [...stopped, ...live].map((task) => [task.id, task]),
  );
  const withTags = (input.include ?? []).includes('TAGS');
  const tasks = [];
  const failures = [];
  for (const identifier of identifiers) {
    let id: string | null = identifier;
    if (identifier.startsWith('arn:')) {
      const arn = parseEcsArn(ecs.scope.key, identifier);
      id =
        arn?.kind === 'task' && (arn.cluster === null || arn.cluster === cluster.name)
          ? arn.task
          : null;
    }
    const task = id === null ? undefined : byId.get(id);
    if (task) {
      const definition = ecs.scope.taskDefinitionByArn(task.taskDefinitionArn);
      tasks.push(renderTask(task, cluster.arn, definition, withTags));
    } else {
      failures.push({
        arn: identifier.startsWith('arn:')
          ? identifier
          : taskArn(ecs.scope.key, cluster.name, identifier),
        reason: 'MISSING',
      });
    }
  }
  return { tasks, failures };
}
