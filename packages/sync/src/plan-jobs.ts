import type { Logger, ProviderConnection, RandomSource } from '@ccx/core';
import type { RetryPolicy } from './options';
import { errorMessage } from './retryable';
import { seenAccount } from './seen-account';
import type { SeenAccount, SyncError, SyncJob } from './types';
import { withRetry } from './with-retry';

export interface JobPlan {
  jobs: SyncJob[];
  /** Connections whose scopes could not be discovered: they get no jobs this run. */
  errors: SyncError[];
  /** Each account × connection of the discovered scopes once, in discovery order. */
  accounts: SeenAccount[];
}

/**
 * Jobs are connection × scope × inventory type, in connection order. A scope that names its
 * types gets jobs for those its connection's inventory lists (a type it cannot list would only
 * fail); a scope that names none gets one for every type of the inventory. Scopes are asked of every
 * connection in parallel (with the same retry policy as jobs). A connection whose discovery
 * fails contributes an error and no jobs; it never prevents the others from syncing, and since
 * it has no job it cannot delete anything either.
 */
export async function planJobs(
  runId: string,
  connections: readonly ProviderConnection[],
  options: { retry: RetryPolicy; random: RandomSource; signal?: AbortSignal; logger: Logger },
): Promise<JobPlan> {
  const listing = connections.filter((connection) => connection.inventory !== undefined);
  const discovered = await Promise.allSettled(
    listing.map((connection) =>
      withRetry(() => connection.scopes(), options.retry, options.random, {
        signal: options.signal,
        onRetry: (notice) =>
          options.logger.warn(
            { connection: connection.name, ...notice },
            'retrying scope discovery',
          ),
      }),
    ),
  );
  const jobs: SyncJob[] = [];
  const errors: SyncError[] = [];
  const accounts = new Map<string, SeenAccount>();
  discovered.forEach((outcome, index) => {
    const connection = listing[index]!;
    if (outcome.status === 'rejected') {
      options.logger.error(
        { connection: connection.name, err: outcome.reason as unknown },
        'scope discovery failed',
      );
      errors.push({ scope: connection.name, type: '*', message: errorMessage(outcome.reason) });
      return;
    }
    for (const scope of outcome.value) {
      const account = { ...seenAccount(scope), connection: connection.name };
      const key = JSON.stringify([account.provider, account.account, account.connection]);
      if (!accounts.has(key)) accounts.set(key, account);
      const listable = connection.inventory?.types ?? [];
      const types = scope.types ? listable.filter((type) => scope.types?.includes(type)) : listable;
      for (const type of types) {
        jobs.push({
          id: `${runId}.${jobs.length + 1}`,
          runId,
          connection: connection.name,
          provider: connection.provider,
          account: scope.account,
          region: scope.region,
          capability: 'inventory',
          type,
        });
      }
    }
  });
  return { jobs, errors, accounts: [...accounts.values()] };
}
