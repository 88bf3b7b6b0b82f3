import { taskArn, type EcsScopeKey } from './arns';
import type { EcsEstate } from './ecs-estate';
import {
  deploymentCounts,
  EVENT_LIMIT,
  type DeploymentRecord,
  type ServiceRecord,
  type TaskRecord,
} from './records';
import { recordStopped, scalingReason, stoppedTask } from './stopped-tasks';

/**
 * How a service converges on what it was asked for, one step per `transitionMs`:
 *   1. the PRIMARY deployment starts the tasks it lacks (PENDING);
 *   2. its PENDING tasks become RUNNING;
 *   3. it stops tasks beyond its desired count;
 *   4. older (ACTIVE) deployments drain: their tasks stop and they leave the list;
 * and the step that leaves nothing to do marks the rollout COMPLETED and logs the steady
 * state. So a scale-up takes two steps, a new task definition three — enough for a caller to
 * see IN_PROGRESS, two deployments and pending tasks before it settles, as on ECS.
 */
export interface RolloutContext {
  estate: EcsEstate;
  scope: EcsScopeKey;
  transitionMs: number;
}

function primaryOf(service: ServiceRecord): DeploymentRecord | undefined {
  return service.deployments.find((deployment) => deployment.status === 'PRIMARY');
}

function hasWork(service: ServiceRecord): boolean {
  const primary = primaryOf(service);
  if (!primary) return false;
  const { running, pending } = deploymentCounts(primary);
  return (
    pending > 0 ||
    running !== primary.desiredCount ||
    service.deployments.length > 1 ||
    primary.rolloutState === 'IN_PROGRESS'
  );
}

export function addEvent(
  ctx: RolloutContext,
  service: ServiceRecord,
  at: number,
  message: string,
): void {
  service.events.unshift({ id: ctx.estate.eventId(), createdAt: at, message });
  if (service.events.length > EVENT_LIMIT) service.events.length = EVENT_LIMIT;
}

const taskList = (tasks: readonly TaskRecord[]) => tasks.map((t) => `(task ${t.id})`).join(' ');

function newTask(
  ctx: RolloutContext,
  service: ServiceRecord,
  deployment: DeploymentRecord,
  at: number,
): TaskRecord {
  const id = ctx.estate.taskId();
  return {
    id,
    arn: taskArn(ctx.scope, service.clusterName, id),
    taskDefinitionArn: deployment.taskDefinitionArn,
    lastStatus: 'PENDING',
    createdAt: at,
    startedAt: null,
    availabilityZone: `${ctx.scope.region}${ctx.estate.pick(['a', 'b', 'c'])}`,
    group: `service:${service.name}`,
    startedBy: deployment.id,
    launchType: deployment.launchType,
    tags: [],
  };
}

/** Tasks the scheduler of `primary` stopped at `at` join their cluster's stopped tasks. */
function retire(
  ctx: RolloutContext,
  service: ServiceRecord,
  primary: DeploymentRecord,
  tasks: readonly TaskRecord[],
  at: number,
): void {
  const cluster = ctx.estate
    .scope(ctx.scope.accountId, ctx.scope.region)
    .cluster(service.clusterName);
  if (!cluster) return;
  const cause = { code: 'ServiceSchedulerInitiated', reason: scalingReason(primary.id) } as const;
  recordStopped(
    cluster,
    tasks.map((task) => stoppedTask(task, at, cause)),
  );
}

/** One step of the rollout at time `at`. */
function step(ctx: RolloutContext, service: ServiceRecord, at: number): void {
  const primary = primaryOf(service);
  if (!primary) return;
  const { running, pending } = deploymentCounts(primary);
  const label = `(service ${service.name})`;
  if (running + pending < primary.desiredCount) {
    const started = Array.from({ length: primary.desiredCount - running - pending }, () =>
      newTask(ctx, service, primary, at),
    );
    primary.tasks.push(...started);
    addEvent(
      ctx,
      service,
      at,
      `${label} has started ${started.length} tasks: ${taskList(started)}.`,
    );
  } else if (pending > 0) {
    for (const task of primary.tasks) {
      if (task.lastStatus === 'PENDING') {
        task.lastStatus = 'RUNNING';
        task.startedAt = at;
      }
    }
  } else if (running > primary.desiredCount) {
    const stopped = primary.tasks.splice(primary.desiredCount);
    retire(ctx, service, primary, stopped, at);
    addEvent(
      ctx,
      service,
      at,
      `${label} has stopped ${stopped.length} running tasks: ${taskList(stopped)}.`,
    );
  } else if (service.deployments.length > 1) {
    const draining = service.deployments.filter((deployment) => deployment !== primary);
    const stopped = draining.flatMap((deployment) => deployment.tasks);
    service.deployments = [primary];
    retire(ctx, service, primary, stopped, at);
    if (stopped.length > 0) {
      addEvent(
        ctx,
        service,
        at,
        `${label} has stopped ${stopped.length} running tasks: ${taskList(stopped)}.`,
      );
    }
  }
  primary.updatedAt = at;
  if (service.deployments.length === 1 && settledCounts(primary)) {
    if (primary.rolloutState === 'IN_PROGRESS') {
      primary.rolloutState = 'COMPLETED';
      primary.rolloutStateReason = `ECS deployment ${primary.id} completed.`;
      addEvent(ctx, service, at, `${label} deployment ${primary.id} deployment completed.`);
    }
    addEvent(ctx, service, at, `${label} has reached a steady state.`);
  }
}

function settledCounts(primary: DeploymentRecord): boolean {
  const { running, pending } = deploymentCounts(primary);
  return pending === 0 && running === primary.desiredCount;
}

/**
 * Brings a service up to `now`: applies every step whose time has come. Called before any
 * read or change of the service, so the state a caller sees is always current.
 */
export function settleService(ctx: RolloutContext, service: ServiceRecord, now: number): void {
  while (hasWork(service) && now - service.lastStepAt >= ctx.transitionMs) {
    service.lastStepAt += ctx.transitionMs;
    step(ctx, service, ctx.transitionMs === 0 ? now : service.lastStepAt);
  }
  // A deleted service is DRAINING until its last task has stopped.
  if (service.status === 'DRAINING' && service.deployments.every((d) => d.tasks.length === 0)) {
    service.status = 'INACTIVE';
  }
}

/**
 * UpdateService's effect, applied to a settled service: a new desired count, and when the
 * task definition changes (or a new deployment is forced) a new PRIMARY deployment with the
 * previous one kept as ACTIVE until it drains.
 */
export function updateService(
  ctx: RolloutContext,
  service: ServiceRecord,
  now: number,
  change: { desiredCount?: number; taskDefinitionArn?: string; forceNewDeployment: boolean },
): void {
  const wasSettled = !hasWork(service);
  if (change.desiredCount !== undefined) service.desiredCount = change.desiredCount;
  const current = primaryOf(service);
  const taskDefinitionArn = change.taskDefinitionArn ?? current?.taskDefinitionArn;
  if (!taskDefinitionArn) return;
  const newDeployment =
    !current || change.forceNewDeployment || taskDefinitionArn !== current.taskDefinitionArn;
  if (newDeployment) {
    for (const deployment of service.deployments) {
      deployment.status = 'ACTIVE';
      deployment.desiredCount = 0;
      deployment.updatedAt = now;
    }
    const id = ctx.estate.deploymentId();
    service.deployments.unshift({
      id,
      status: 'PRIMARY',
      taskDefinitionArn,
      desiredCount: service.desiredCount,
      tasks: [],
      createdAt: now,
      updatedAt: now,
      launchType: service.launchType,
      rolloutState: 'IN_PROGRESS',
      rolloutStateReason: 'ECS deployment detected.',
    });
  } else if (current) {
    current.desiredCount = service.desiredCount;
    current.updatedAt = now;
  }
  // A service that was idle starts its next step a full transition from now; one that was
  // mid-rollout keeps its rhythm.
  if (wasSettled) service.lastStepAt = now;
}
