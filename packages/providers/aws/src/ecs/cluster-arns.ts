import { paginateListClusters, type ECSClient } from '@aws-sdk/client-ecs';

/** The largest page ListClusters, ListServices and ListTasks return. */
export const LIST_PAGE_SIZE = 100;
/** Calls in flight per cluster: a few, so a large cluster lists quickly without a burst. */
export const CONCURRENCY = 4;

/** Every cluster ARN of the client's account and region, through the SDK's paginator. */
export async function clusterArns(client: ECSClient, signal?: AbortSignal): Promise<string[]> {
  const arns: string[] = [];
  const pages = paginateListClusters(
    { client, pageSize: LIST_PAGE_SIZE },
    {},
    { abortSignal: signal },
  );
  for await (const page of pages) arns.push(...(page.clusterArns ?? []));
  return arns;
}
