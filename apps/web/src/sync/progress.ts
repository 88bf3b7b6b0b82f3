import type { SyncEvent, SyncSummary } from '@ccx/api/contract';

/**
 * What the sync panel shows, folded from the event stream. Pure, so it is tested without a
 * browser. A page opened in the middle of a run sees job events before any `run.started`;
 * it adopts that run with an unknown job total instead of dropping the events.
 */
export interface SyncProgress {
  runId: string | null;
  running: boolean;
  trigger: string | null;
  startedAt: string | null;
  /** Null when the page joined a run after it started. */
  jobsTotal: number | null;
  jobsDone: number;
  jobsFailed: number;
  retries: number;
  /** Resources listed so far: finished jobs plus the latest count of running ones. */
  listed: number;
  failures: { jobId: string; scope: string; resourceType: string; error: string }[];
  /** Summary of the most recent finished run seen on this page. */
  lastSummary: SyncSummary | null;
  /** Per-job listed count of jobs still running. */
  active: Record<string, number>;
}

export const initialSyncProgress: SyncProgress = {
  runId: null,
  running: false,
  trigger: null,
  startedAt: null,
  jobsTotal: null,
  jobsDone: 0,
  jobsFailed: 0,
  retries: 0,
  listed: 0,
  failures: [],
  lastSummary: null,
  active: {},
};

function freshRun(state: SyncProgress, runId: string): SyncProgress {
  return { ...initialSyncProgress, lastSummary: state.lastSummary, runId, running: true };
}

function sumActive(active: Record<string, number>): number {
  return Object.values(active).reduce((total, value) => total + value, 0);
}

export function reduceSyncEvent(state: SyncProgress, event: SyncEvent): SyncProgress {
  if (event.type === 'run.started') {
    return {
      ...freshRun(state, event.runId),
      trigger: event.trigger,
      startedAt: event.at,
      jobsTotal: event.jobs,
    };
  }
  const current = state.runId === event.runId ? state : freshRun(state, event.runId);
  const finishedListed = current.listed - sumActive(current.active);
  switch (event.type) {
    case 'job.started':
    case 'job.progress': {
      const active = {
        ...current.active,
        [event.jobId]: event.type === 'job.progress' ? event.listed : 0,
      };
      return { ...current, active, listed: finishedListed + sumActive(active) };
    }
    case 'job.retry':
      return { ...current, retries: current.retries + 1 };
    case 'job.completed': {
      const { [event.jobId]: _done, ...active } = current.active;
      return {
        ...current,
        active,
        jobsDone: current.jobsDone + 1,
        listed: finishedListed + event.listed + sumActive(active),
      };
    }
    case 'job.failed': {
      const { [event.jobId]: _failed, ...active } = current.active;
      const failure = {
        jobId: event.jobId,
        scope: event.scope,
        resourceType: event.resourceType,
        error: event.error,
      };
      return {
        ...current,
        active,
        jobsDone: current.jobsDone + 1,
        jobsFailed: current.jobsFailed + 1,
        failures: [...current.failures, failure],
        listed: finishedListed + sumActive(active),
      };
    }
    case 'run.completed':
      return {
        ...current,
        running: false,
        active: {},
        jobsTotal: event.summary.jobs.total,
        jobsDone: event.summary.jobs.total,
        jobsFailed: event.summary.jobs.failed,
        listed: event.summary.resources.listed,
        lastSummary: event.summary,
      };
  }
}
