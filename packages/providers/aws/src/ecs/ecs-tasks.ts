import {
  DescribeTasksCommand,
  paginateListTasks,
  type DesiredStatus,
  type ECSClient,
} from '@aws-sdk/client-ecs';
import type { Resource } from '@ccx/core';
import { CONCURRENCY, LIST_PAGE_SIZE } from './cluster-arns';
import { eachCluster, type EcsListing } from './cluster-walk';
import { chunks, mapLimit } from './map-limit';
import { mapTask } from './map-task';

/** DescribeTasks takes at most 100 tasks a call. */
export const DESCRIBE_TASKS_BATCH = 100;

/**
 * ListTasks returns the tasks of one desired status: RUNNING (pending ones included) by
 * default, so the stopped ones ECS still keeps (about an hour) take a second listing.
 */
const DESIRED_STATUSES: readonly DesiredStatus[] = ['RUNNING', 'STOPPED'];

/**
 * Task ARNs of a cluster, both listings, each once: a task that stops between the two
 * listings shows up in both and is described once, as it is then.
 */
async function taskArns(
  client: ECSClient,
  clusterArn: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const arns = new Set<string>();
  for (const desiredStatus of DESIRED_STATUSES) {
    const pages = paginateListTasks(
      { client, pageSize: LIST_PAGE_SIZE },
      { cluster: clusterArn, desiredStatus },
      { abortSignal: signal },
    );
    for await (const page of pages) for (const arn of page.taskArns ?? []) arns.add(arn);
  }
  return [...arns];
}

/**
 * ECS tasks of one scope, cluster by cluster: ListTasks for running and for stopped tasks
 * (100 a page), then DescribeTasks 100 at a time with tags, a few calls in flight. A task
 * gone between listing and describing (reported as a failure) is simply not yielded.
 */
export function listTasks(listing: EcsListing): AsyncIterable<Resource> {
  const { scope, signal } = listing;
  return eachCluster(listing, 'tasks', async (client, clusterArn) => {
    const arns = await taskArns(client, clusterArn, signal);
    const described = await mapLimit(chunks(arns, DESCRIBE_TASKS_BATCH), CONCURRENCY, (batch) =>
      client.send(
        new DescribeTasksCommand({ cluster: clusterArn, tasks: batch, include: ['TAGS'] }),
        { abortSignal: signal },
      ),
    );
    return described.flatMap((out) =>
      (out.tasks ?? []).flatMap(
        (task) => mapTask(scope.account, scope.region, task, clusterArn) ?? [],
      ),
    );
  });
}
