import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { CcxError, conflict, scopeKey, type ProviderConnection } from '@ccx/core';
import type { SyncDriver } from './driver';
import { inProcessDriver } from './drivers/in-process';
import type { JobActivity } from './job-activity';
import { jobSlots } from './job-slots';
import { KeyedLimiter } from './limiter';
import { retryPolicySchema, syncLimitsSchema } from './options';
import { planJobs } from './plan-jobs';
import { recordAccounts } from './record-accounts';
import { randomSeed, seededRandom } from '@ccx/core';
import { errorMessage } from './retryable';
import type { SyncServiceOptions } from './service-options';
import { summarize, type JobOutcome } from './summary';
import type { JobRuntime, SyncError, SyncEvent, SyncJob, SyncService, SyncSummary } from './types';

interface ActiveRun {
  runId: string;
  controller: AbortController;
  done?: Promise<SyncSummary>;
}

function connectionMap(
  input: SyncServiceOptions['connections'],
): ReadonlyMap<string, ProviderConnection> {
  if (!Array.isArray(input)) return input as ReadonlyMap<string, ProviderConnection>;
  const map = new Map<string, ProviderConnection>();
  for (const connection of input as readonly ProviderConnection[]) {
    if (map.has(connection.name))
      throw new CcxError('invalid_input', `Duplicate connection name ${connection.name}`);
    map.set(connection.name, connection);
  }
  return map;
}

/**
 * The sync coordinator. It plans jobs, holds the concurrency limits, turns job activity into
 * events and writes the run record; the driver decides where each job runs. At most one run is
 * active per service: a second `start` is a `conflict`, because two runs listing the same
 * scope would race on which one's `completeListing` deletes the other's rows.
 */
export function createSyncService(options: SyncServiceOptions): SyncService {
  const connections = connectionMap(options.connections);
  const limits = syncLimitsSchema.parse(options.limits ?? {});
  const retry = retryPolicySchema.parse(options.retry ?? {});
  const driver: SyncDriver = options.driver ?? inProcessDriver();
  const newId = options.newId ?? randomUUID;
  const { logger } = options;
  const runtime: JobRuntime = {
    connections,
    sink: options.sink,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.now ? { now: options.now } : {}),
  };
  const limiter = new KeyedLimiter();
  const listeners = new Set<(event: SyncEvent) => void>();
  let active: ActiveRun | null = null;
  let closed = false;

  const emit = (event: SyncEvent): void => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        // A broken listener (a closed SSE stream…) must not stop the run; it is reported.
        logger.error({ err: error, event: event.type }, 'sync event listener threw');
      }
    }
  };

  async function runOneJob(
    job: SyncJob,
    signal: AbortSignal,
    errors: SyncError[],
  ): Promise<JobOutcome> {
    const release = await limiter.acquire(jobSlots(job, limits));
    const scope = scopeKey(job);
    try {
      signal.throwIfAborted();
      emit({ type: 'job.started', runId: job.runId, jobId: job.id, scope, resourceType: job.type });
      const report = (activity: JobActivity): void => {
        if (activity.kind === 'progress') {
          emit({ type: 'job.progress', runId: job.runId, jobId: job.id, listed: activity.listed });
        } else {
          const { attempt, delayMs, error } = activity;
          emit({ type: 'job.retry', runId: job.runId, jobId: job.id, attempt, delayMs, error });
        }
      };
      const result = await driver.execute(
        { job, retry, batchSize: limits.batchSize, signal, report },
        runtime,
      );
      if (result.metricsError !== undefined) {
        // The listing stands; only the metrics of this type are reported as failed.
        logger.warn(
          { jobId: job.id, scope, type: job.type, error: result.metricsError },
          'sync job metrics failed',
        );
        errors.push({ scope, type: `${job.type}#metrics`, message: result.metricsError });
      }
      emit({
        type: 'job.completed',
        runId: job.runId,
        jobId: job.id,
        scope,
        resourceType: job.type,
        listed: result.listed,
        counts: result.counts,
        metrics: result.metrics,
      });
      return { job, result };
    } catch (error) {
      const message = errorMessage(error);
      logger.warn({ err: error, jobId: job.id, scope, type: job.type }, 'sync job failed');
      errors.push({ scope, type: job.type, message });
      emit({
        type: 'job.failed',
        runId: job.runId,
        jobId: job.id,
        scope,
        resourceType: job.type,
        error: message,
      });
      return { job, result: null };
    } finally {
      release();
    }
  }

  async function execute(run: ActiveRun, trigger: string): Promise<SyncSummary> {
    const { runId, controller } = run;
    const { signal } = controller;
    const startedAt = Date.now();
    const random = seededRandom(retry.seed ?? randomSeed());
    const plan = await planJobs(runId, [...connections.values()], {
      retry,
      random,
      signal,
      logger,
    });
    emit({
      type: 'run.started',
      runId,
      at: new Date(startedAt).toISOString(),
      trigger,
      jobs: plan.jobs.length,
    });
    const errors = [
      ...plan.errors,
      ...(await recordAccounts(options.sink, plan.accounts, { runId, logger })),
    ];
    const outcomes = await Promise.all(plan.jobs.map((job) => runOneJob(job, signal, errors)));
    const summary = summarize({ runId, outcomes, errors, durationMs: Date.now() - startedAt });
    await options.runs.finish(runId, {
      status: summary.status,
      summary: { ...summary },
      errors: summary.errors,
    });
    // Released before the event so that a listener reacting to it may start the next run.
    if (active === run) active = null;
    emit({ type: 'run.completed', runId, at: new Date().toISOString(), summary });
    return summary;
  }

  async function begin(trigger: string): Promise<{ runId: string; done: Promise<SyncSummary> }> {
    if (closed) throw new CcxError('unavailable', 'The sync service is closed');
    if (active) throw conflict('A sync run is already running', { runId: active.runId });
    // Claimed before the first await, so two concurrent calls cannot both pass the check.
    const run: ActiveRun = { runId: newId(), controller: new AbortController() };
    // Every job of the run, and every SDK call in it, listens on this signal for as long as the
    // call lasts; with jobs in parallel that passes Node's leak warning threshold of 10 by
    // design. The listeners go with their calls, and the signal with the run.
    setMaxListeners(Math.max(64, limits.maxConcurrentJobs * 8), run.controller.signal);
    active = run;
    try {
      await options.runs.create({ id: run.runId, trigger });
    } catch (error) {
      active = null;
      throw error;
    }
    const done = execute(run, trigger).finally(() => {
      if (active === run) active = null;
    });
    run.done = done;
    return { runId: run.runId, done };
  }

  return {
    async start(trigger) {
      const { runId, done } = await begin(trigger);
      done.catch((error: unknown) => logger.error({ err: error, runId }, 'sync run failed'));
      return { runId };
    },
    async run(trigger) {
      const { done } = await begin(trigger);
      return done;
    },
    current: () => active?.runId ?? null,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      const run = active;
      if (run) {
        run.controller.abort(new CcxError('unavailable', 'The sync service is closing'));
        await run.done?.catch((error: unknown) =>
          logger.warn({ err: error, runId: run.runId }, 'sync run ended by close'),
        );
      }
      listeners.clear();
      await driver.close();
    },
  };
}
