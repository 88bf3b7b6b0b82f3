import type { JobActivity, JobResult } from './job-activity';
import type { RetryPolicy } from './options';
import type { JobRuntime, SyncJob } from './types';

/** One job handed to a driver, with the policy it runs under. */
export interface JobExecution {
  job: SyncJob;
  retry: RetryPolicy;
  batchSize: number;
  /** Aborted when the service closes mid-run. */
  signal: AbortSignal;
  /** Called in order for each progress step and each retry of this job. */
  report(activity: JobActivity): void;
}

/**
 * Where jobs run. The coordinator (SyncService) owns scheduling, limits, events and the run
 * record; a driver only runs one job to its end, retries included, and resolves with its
 * result or rejects with its final error. That keeps the two drivers interchangeable: the
 * in-process driver calls `runJob` directly, the BullMQ driver ships the same job as data to
 * a worker that calls the same `runJob`.
 */
export interface SyncDriver {
  readonly name: string;
  /** `runtime` is the coordinator's own; a remote driver ignores it (workers bring theirs). */
  execute(execution: JobExecution, runtime: JobRuntime): Promise<JobResult>;
  close(): Promise<void>;
}
