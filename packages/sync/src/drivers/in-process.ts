import type { SyncDriver } from '../driver';
import { runJob } from '../run-job';

/** The default driver: jobs run in this process, with the coordinator's connections and sink. */
export function inProcessDriver(): SyncDriver {
  return {
    name: 'in-process',
    execute: (execution, runtime) =>
      runJob(execution.job, runtime, {
        retry: execution.retry,
        batchSize: execution.batchSize,
        signal: execution.signal,
        report: (activity) => execution.report(activity),
      }),
    close: () => Promise.resolve(),
  };
}
