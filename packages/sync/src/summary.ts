import {
  addCounts,
  addMetricCounts,
  emptyCounts,
  emptyMetricCounts,
  type JobResult,
} from './job-activity';
import type { SyncError, SyncJob, SyncRunStatus, SyncSummary } from './types';

export interface JobOutcome {
  job: SyncJob;
  result: JobResult | null;
}

/**
 * A run succeeded when nothing failed, failed when nothing succeeded although something was
 * attempted, and is partial otherwise. Scope-discovery errors count as failures: a connection
 * that could not be listed at all makes the run at best partial.
 */
export function runStatus(succeeded: number, failed: number): Exclude<SyncRunStatus, 'running'> {
  if (failed === 0) return 'succeeded';
  return succeeded === 0 ? 'failed' : 'partial';
}

export function summarize(input: {
  runId: string;
  outcomes: JobOutcome[];
  errors: SyncError[];
  durationMs: number;
}): SyncSummary {
  const counts = emptyCounts();
  const metrics = emptyMetricCounts();
  const byProvider: Record<string, number> = {};
  let listed = 0;
  let succeeded = 0;
  for (const { job, result } of input.outcomes) {
    if (!result) continue;
    succeeded += 1;
    addCounts(counts, result.counts);
    addMetricCounts(metrics, result.metrics);
    listed += result.listed;
    byProvider[job.provider] = (byProvider[job.provider] ?? 0) + result.listed;
  }
  const failedJobs = input.outcomes.length - succeeded;
  return {
    runId: input.runId,
    status: runStatus(succeeded, input.errors.length),
    jobs: { total: input.outcomes.length, succeeded, failed: failedJobs },
    resources: { ...counts, listed },
    metrics,
    byProvider,
    errors: input.errors,
    durationMs: input.durationMs,
  };
}
