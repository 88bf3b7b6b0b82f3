import {
  STOPPED_TASK_LIMIT,
  type ClusterRecord,
  type ContainerExit,
  type StopCode,
  type StoppedTaskRecord,
  type TaskRecord,
} from './records';

export interface StopCause {
  code: StopCode;
  reason: string;
  healthStatus?: StoppedTaskRecord['healthStatus'];
  exits?: Record<string, ContainerExit>;
  /** When stopping began; `at` when not given. */
  stoppingAt?: number;
}

export function stoppedTask(task: TaskRecord, at: number, cause: StopCause): StoppedTaskRecord {
  return {
    ...task,
    lastStatus: 'STOPPED',
    stoppingAt: cause.stoppingAt ?? at,
    stoppedAt: at,
    stopCode: cause.code,
    stoppedReason: cause.reason,
    healthStatus: cause.healthStatus ?? 'UNKNOWN',
    exits: cause.exits ?? {},
  };
}

/** Records tasks that just stopped on their cluster, newest first, keeping the newest only. */
export function recordStopped(cluster: ClusterRecord, stopped: readonly StoppedTaskRecord[]): void {
  if (stopped.length === 0) return;
  cluster.stoppedTasks.unshift(...[...stopped].sort((a, b) => b.stoppedAt - a.stoppedAt));
  if (cluster.stoppedTasks.length > STOPPED_TASK_LIMIT) {
    cluster.stoppedTasks.length = STOPPED_TASK_LIMIT;
  }
}

/** The reason ECS gives for tasks a service's scheduler stops while scaling or deploying. */
export const scalingReason = (deploymentId: string) =>
  `Scaling activity initiated by (deployment ${deploymentId})`;
