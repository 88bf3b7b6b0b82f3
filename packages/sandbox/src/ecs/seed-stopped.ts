import type { Prng } from '../prng';
import { taskArn } from './arns';
import type { EcsScope } from './ecs-estate';
import type { ClusterRecord, StoppedTaskRecord, TaskRecord } from './records';
import { recordStopped, scalingReason, stoppedTask, type StopCause } from './stopped-tasks';

const MINUTE_MS = 60_000;
const HEX = '0123456789abcdef';

/** Ways a service's task ends, as ECS words them; one service of a cluster shows each. */
type Ending = 'out-of-memory' | 'unhealthy' | 'image-pull' | 'scale-in';
const PRODUCTION_ENDINGS: readonly Ending[] = [
  'out-of-memory',
  'unhealthy',
  'image-pull',
  'scale-in',
];
const ENDINGS_BY_CLUSTER: Readonly<Record<string, readonly Ending[]>> = {
  'prod-web': PRODUCTION_ENDINGS,
  staging: ['scale-in'],
};

function cause(
  ending: Ending,
  mainContainer: string,
  image: string,
  deploymentId: string,
): StopCause {
  switch (ending) {
    case 'out-of-memory':
      return {
        code: 'EssentialContainerExited',
        reason: 'Essential container in task exited',
        exits: {
          [mainContainer]: {
            exitCode: 137,
            reason: 'OutOfMemoryError: Container killed due to memory usage',
          },
        },
      };
    case 'unhealthy':
      return {
        code: 'ServiceSchedulerInitiated',
        reason: 'Task failed container health checks',
        healthStatus: 'UNHEALTHY',
        exits: { [mainContainer]: { exitCode: 143 } },
      };
    case 'image-pull':
      return {
        code: 'TaskFailedToStart',
        reason: `CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref ${image}: not found`,
      };
    case 'scale-in':
      return { code: 'ServiceSchedulerInitiated', reason: scalingReason(deploymentId) };
  }
}

function task(
  prng: Prng,
  scope: EcsScope,
  cluster: ClusterRecord,
  like: Pick<TaskRecord, 'taskDefinitionArn' | 'group' | 'startedBy' | 'launchType' | 'tags'>,
  stoppedAt: number,
  started: boolean,
): TaskRecord {
  const id = prng.chars(HEX, 32);
  const startedAt = started ? stoppedAt - prng.int(5, 600) * MINUTE_MS : null;
  return {
    ...like,
    tags: [...like.tags],
    id,
    arn: taskArn(scope.key, cluster.name, id),
    lastStatus: 'RUNNING',
    createdAt: (startedAt ?? stoppedAt - 90_000) - prng.int(10_000, 30_000),
    startedAt,
    availabilityZone: `${scope.key.region}${prng.pick(['a', 'b', 'c'])}`,
  };
}

/**
 * Tasks stopped shortly before `anchor`: in production one service's task ran out of memory,
 * one failed its health checks, one could not pull its image and one was scaled in; staging
 * scaled one in; in the batch cluster a scheduled run failed and its retry finished.
 */
export function seedStoppedTasks(prng: Prng, scope: EcsScope, anchor: number): void {
  for (const cluster of scope.clusters) {
    const stopped: StoppedTaskRecord[] = [];
    const services = cluster.services.filter(
      (service) => service.status === 'ACTIVE' && service.desiredCount > 0,
    );
    for (const ending of ENDINGS_BY_CLUSTER[cluster.name] ?? []) {
      if (services.length === 0) break;
      const [service] = services.splice(prng.int(0, services.length - 1), 1);
      const deployment = service?.deployments[0];
      const definition = deployment && scope.taskDefinitionByArn(deployment.taskDefinitionArn);
      const main = definition?.containers[0];
      if (!service || !deployment || !main) continue;
      const stoppedAt = anchor - prng.int(2, 55) * MINUTE_MS;
      const record = task(
        prng,
        scope,
        cluster,
        {
          taskDefinitionArn: deployment.taskDefinitionArn,
          group: `service:${service.name}`,
          startedBy: deployment.id,
          launchType: deployment.launchType,
          tags: [],
        },
        stoppedAt,
        ending !== 'image-pull',
      );
      const stop = cause(ending, main.name, main.image, deployment.id);
      stopped.push(stoppedTask(record, stoppedAt, { ...stop, stoppingAt: stoppedAt - 30_000 }));
    }
    const [job] = cluster.standaloneTasks;
    if (job) {
      const main = scope.taskDefinitionByArn(job.taskDefinitionArn)?.containers[0]?.name ?? '';
      // A run that failed, then its retry, which finished.
      const failedAt = anchor - prng.int(40, 55) * MINUTE_MS;
      for (const [exitCode, stoppedAt] of [
        [1, failedAt],
        [0, failedAt + prng.int(20, 35) * MINUTE_MS],
      ] as const) {
        const record = task(prng, scope, cluster, job, stoppedAt, true);
        stopped.push(
          stoppedTask(record, stoppedAt, {
            code: 'EssentialContainerExited',
            reason: 'Essential container in task exited',
            exits: { [main]: { exitCode } },
          }),
        );
      }
    }
    recordStopped(cluster, stopped);
  }
}
