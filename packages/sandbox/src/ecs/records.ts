/**
 * The ECS part of the sandbox estate. Everything is plain data mutated in place by the
 * operations; counts are never stored, they are read off the task lists, so a service's
 * `runningCount` can never disagree with what ListTasks returns.
 */

export type LaunchType = 'FARGATE' | 'EC2';

export interface EcsTag {
  key: string;
  value: string;
}

export interface PortMapping {
  containerPort: number;
  hostPort: number;
  protocol: 'tcp' | 'udp';
}

export interface ContainerDefinitionRecord {
  name: string;
  image: string;
  /** Container-level CPU units and hard memory limit (MiB); 0 / null when not set. */
  cpu: number;
  memory: number | null;
  essential: boolean;
  portMappings: PortMapping[];
}

export interface TaskDefinitionRecord {
  family: string;
  revision: number;
  arn: string;
  /** Task-level CPU units and memory MiB, as strings (the API's types). */
  cpu: string | null;
  memory: string | null;
  networkMode: 'awsvpc' | 'bridge' | 'host' | 'none';
  requiresCompatibilities: LaunchType[];
  containers: ContainerDefinitionRecord[];
  registeredAt: number;
  registeredBy: string;
  tags: EcsTag[];
}

export interface TaskRecord {
  id: string;
  arn: string;
  taskDefinitionArn: string;
  /** PENDING or RUNNING while it runs; a stopped task moves to its cluster's `stoppedTasks`. */
  lastStatus: 'PENDING' | 'RUNNING';
  createdAt: number;
  startedAt: number | null;
  availabilityZone: string;
  /** `service:<name>` for a service's tasks, `family:<family>` for standalone ones. */
  group: string;
  /** The deployment id (`ecs-svc/…`) for service tasks. */
  startedBy: string;
  launchType: LaunchType;
  /** Tags given when the task was started (a service that propagates none gives none). */
  tags: EcsTag[];
}

/** Why ECS stopped a task (the API's `stopCode`). */
export type StopCode =
  | 'TaskFailedToStart'
  | 'EssentialContainerExited'
  | 'UserInitiated'
  | 'ServiceSchedulerInitiated'
  | 'SpotInterruption'
  | 'TerminationNotice';

/** How one container of a stopped task ended; a container the task never started has no exit code. */
export interface ContainerExit {
  exitCode: number | null;
  reason?: string;
}

/**
 * A task that has stopped. ECS keeps these for about an hour after they stop; the sandbox
 * keeps the newest STOPPED_TASK_LIMIT of a cluster instead, so seeded ones stay visible for
 * as long as it runs.
 */
export interface StoppedTaskRecord extends Omit<TaskRecord, 'lastStatus'> {
  lastStatus: 'STOPPED';
  stoppingAt: number;
  stoppedAt: number;
  stopCode: StopCode;
  stoppedReason: string;
  /** Task health when it stopped: UNHEALTHY when it was stopped for failing its health checks. */
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
  /** By container name; a started task's containers not named here exited with 0. */
  exits: Record<string, ContainerExit>;
}

export type DeploymentStatus = 'PRIMARY' | 'ACTIVE';
export type RolloutState = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

export interface DeploymentRecord {
  id: string;
  status: DeploymentStatus;
  taskDefinitionArn: string;
  desiredCount: number;
  tasks: TaskRecord[];
  createdAt: number;
  updatedAt: number;
  launchType: LaunchType;
  rolloutState: RolloutState;
  rolloutStateReason: string;
}

export interface ServiceEventRecord {
  id: string;
  createdAt: number;
  message: string;
}

export type ServiceStatus = 'ACTIVE' | 'DRAINING' | 'INACTIVE';

/**
 * One service. Its deployments change over time: `lastStepAt` is when the rollout last moved,
 * and each further `transitionMs` that passes moves it one step (see `rollout.ts`), evaluated
 * lazily when the service is read, as EC2 instance states are.
 */
export interface ServiceRecord {
  name: string;
  arn: string;
  clusterName: string;
  clusterArn: string;
  status: ServiceStatus;
  desiredCount: number;
  launchType: LaunchType;
  /** PRIMARY first, then older ACTIVE ones still draining. */
  deployments: DeploymentRecord[];
  /** Newest first, at most EVENT_LIMIT. */
  events: ServiceEventRecord[];
  createdAt: number;
  createdBy: string;
  tags: EcsTag[];
  lastStepAt: number;
}

export interface ClusterRecord {
  name: string;
  arn: string;
  /**
   * INACTIVE once deleted: DescribeClusters still describes it for a while, as ECS does, but
   * ListClusters no longer lists it and every other operation answers ClusterNotFoundException.
   */
  status: 'ACTIVE' | 'INACTIVE';
  tags: EcsTag[];
  /** In ListServices order (creation order). */
  services: ServiceRecord[];
  /** Tasks started outside any service (scheduled jobs). */
  standaloneTasks: TaskRecord[];
  /** Tasks that have stopped, newest first, at most STOPPED_TASK_LIMIT. */
  stoppedTasks: StoppedTaskRecord[];
  registeredContainerInstancesCount: number;
  capacityProviders: string[];
}

/** ECS keeps the most recent 100 events of a service. */
export const EVENT_LIMIT = 100;

/** Stopped tasks a cluster keeps (see StoppedTaskRecord). */
export const STOPPED_TASK_LIMIT = 100;

/** Counts of a service, read off its deployments' tasks. */
export function serviceCounts(service: ServiceRecord): { running: number; pending: number } {
  let running = 0;
  let pending = 0;
  for (const deployment of service.deployments) {
    for (const task of deployment.tasks) {
      if (task.lastStatus === 'RUNNING') running++;
      else pending++;
    }
  }
  return { running, pending };
}

export function deploymentCounts(deployment: DeploymentRecord): {
  running: number;
  pending: number;
} {
  let running = 0;
  for (const task of deployment.tasks) if (task.lastStatus === 'RUNNING') running++;
  return { running, pending: deployment.tasks.length - running };
}
