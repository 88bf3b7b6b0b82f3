import type { ECSClient } from '@aws-sdk/client-ecs';
import type { Resource, Scope } from '@ccx/core';
import type { AccountDirectory } from '../account-directory';
import type { ClientPool } from '../client-pool';
import type { ClusterArnCache } from './cluster-arn-cache';
import { clusterArns } from './cluster-arns';
import { fromEcsError } from './ecs-errors';

/** What one ECS listing of a scope works with. */
export interface EcsListing {
  accounts: AccountDirectory;
  clients: ClientPool;
  scope: Scope;
  signal?: AbortSignal;
  /**
   * The sync run, whose listings of the scope's other ECS types in this process share its
   * cluster ARNs.
   */
  run?: string;
  clusters: ClusterArnCache;
}

/**
 * The scope's cluster ARNs: read once per run, scope and process, shared by the types of that
 * run that this process lists.
 */
export function scopeClusterArns(listing: EcsListing, client: ECSClient): Promise<string[]> {
  const { clusters, run, scope, signal } = listing;
  return clusters.get(run, scope, (shared) => clusterArns(client, shared), signal);
}

/**
 * Runs one listing of a scope with the scope's ECS client. Any failure, whichever call made
 * it, becomes the provider's error for "listing ECS `what` in account/region".
 */
export async function* withEcsClient(
  listing: EcsListing,
  what: string,
  list: (client: ECSClient) => AsyncIterable<Resource>,
): AsyncIterable<Resource> {
  const { accounts, clients, scope } = listing;
  const client = clients.ecs(await accounts.byId(scope.account), scope.region);
  try {
    yield* list(client);
  } catch (error) {
    throw fromEcsError(error, `Listing ECS ${what} in ${scope.account}/${scope.region}`);
  }
}

/**
 * The walk services and tasks share: every cluster of the scope in turn, yielding what
 * `perCluster` read of one cluster before the next cluster is read. A cluster deleted since
 * its ARN was listed (by another job of the run, or between the two calls) answers
 * ClusterNotFoundException: it has nothing left to list, so the walk goes on without it,
 * yielding nothing of it. Any other failure fails the walk.
 */
export function eachCluster(
  listing: EcsListing,
  what: string,
  perCluster: (client: ECSClient, clusterArn: string) => Promise<Resource[]>,
): AsyncIterable<Resource> {
  return withEcsClient(listing, what, async function* (client) {
    for (const clusterArn of await scopeClusterArns(listing, client))
      yield* await perCluster(client, clusterArn).catch(unlessClusterGone);
  });
}

/**
 * Nothing for a cluster that is gone; any other error is rethrown as it is. Matched by name, as
 * `fromEcsError` does: `instanceof` fails when the error comes from another copy of the SDK.
 */
function unlessClusterGone(error: unknown): Resource[] {
  if (error instanceof Error && error.name === 'ClusterNotFoundException') return [];
  throw error;
}
