import { CcxError, type Resource } from '@ccx/core';
import { addCounts } from './job-activity';
import type { JobRuntime, ListingCounts, ScopeRefForSink, SyncJob } from './types';

export interface ListingOptions {
  batchSize: number;
  signal?: AbortSignal;
  /** Store changes are added here as they happen, so a failed attempt's writes still count. */
  counts: ListingCounts;
  onProgress(listed: number): void;
  /** Sees every resource listed, in order (the metrics step collects its targets here). */
  collect?(resource: Resource): void;
}

/**
 * One attempt at a job: streams the provider's listing into the sink in batches and, only
 * once the listing has run to its end, calls `completeListing`, which is what may delete rows.
 * If the listing throws midway, the error propagates before `completeListing`, so a failed
 * or partial listing never deletes anything. Resolves with the number of resources listed.
 */
export async function listIntoSink(
  job: SyncJob,
  runtime: JobRuntime,
  options: ListingOptions,
): Promise<number> {
  const connection = runtime.connections.get(job.connection);
  if (!connection)
    throw new CcxError('not_found', `Connection ${job.connection} is not configured here`);
  const inventory = connection.inventory;
  if (!inventory?.types.includes(job.type)) {
    throw new CcxError('invalid_input', `Connection ${job.connection} cannot list ${job.type}`);
  }
  const scope: ScopeRefForSink = {
    connection: job.connection,
    provider: job.provider,
    account: job.account,
    region: job.region,
  };
  const { counts } = options;
  let listed = 0;
  let batch: Resource[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const resources = batch;
    batch = [];
    addCounts(
      counts,
      await runtime.sink.applyBatch({ scope, type: job.type, runId: job.runId, resources }),
    );
    listed += resources.length;
    options.onProgress(listed);
  };
  const listing = inventory.list(
    {
      provider: job.provider,
      connection: job.connection,
      account: job.account,
      region: job.region,
    },
    job.type,
    { signal: options.signal, run: job.runId },
  );
  for await (const resource of listing) {
    options.collect?.(resource);
    batch.push(resource);
    if (batch.length >= options.batchSize) await flush();
  }
  await flush();
  options.signal?.throwIfAborted();
  const { deleted } = await runtime.sink.completeListing({
    scope,
    type: job.type,
    runId: job.runId,
  });
  counts.deleted += deleted;
  return listed;
}
