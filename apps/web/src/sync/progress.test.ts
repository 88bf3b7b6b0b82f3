import { describe, expect, it } from 'vitest';
import type { SyncEvent, SyncSummary } from '@ccx/api/contract';
import { initialSyncProgress, reduceSyncEvent } from './progress';

const fold = (events: SyncEvent[], from = initialSyncProgress) =>
  events.reduce(reduceSyncEvent, from);

const counts = { created: 1, updated: 0, unchanged: 2, deleted: 0 };
const summary = (runId: string): SyncSummary => ({
  runId,
  status: 'partial',
  jobs: { total: 3, succeeded: 2, failed: 1 },
  resources: { ...counts, listed: 7 },
  metrics: { series: 0, points: 0, failed: 0 },
  byProvider: { aws: 7 },
  errors: [{ scope: 'prod/111/eu-west-1', type: 'ec2.instance', message: 'throttled' }],
  durationMs: 1200,
});

describe('reduceSyncEvent', () => {
  it('counts jobs, listed resources (including running jobs), retries and failures', () => {
    const state = fold([
      { type: 'run.started', runId: 'r1', at: '2026-11-25T10:00:00Z', trigger: 'manual', jobs: 3 },
      {
        type: 'job.started',
        runId: 'r1',
        jobId: 'a',
        scope: 'prod/111/us-east-1',
        resourceType: 'ec2.instance',
      },
      {
        type: 'job.started',
        runId: 'r1',
        jobId: 'b',
        scope: 'prod/111/eu-west-1',
        resourceType: 'ec2.instance',
      },
      { type: 'job.progress', runId: 'r1', jobId: 'a', listed: 2 },
      { type: 'job.progress', runId: 'r1', jobId: 'b', listed: 4 },
      { type: 'job.progress', runId: 'r1', jobId: 'a', listed: 3 },
      { type: 'job.retry', runId: 'r1', jobId: 'b', attempt: 1, delayMs: 200, error: 'throttled' },
    ]);
    expect(state).toMatchObject({
      running: true,
      jobsTotal: 3,
      jobsDone: 0,
      listed: 7,
      retries: 1,
    });

    const later = fold(
      [
        {
          type: 'job.completed',
          runId: 'r1',
          jobId: 'a',
          scope: 'prod/111/us-east-1',
          resourceType: 'ec2.instance',
          listed: 3,
          counts,
          metrics: { series: 0, points: 0, failed: 0 },
        },
        {
          type: 'job.failed',
          runId: 'r1',
          jobId: 'b',
          scope: 'prod/111/eu-west-1',
          resourceType: 'ec2.instance',
          error: 'throttled',
        },
      ],
      state,
    );
    expect(later).toMatchObject({ jobsDone: 2, jobsFailed: 1, listed: 3, active: {} });
    expect(later.failures).toEqual([
      { jobId: 'b', scope: 'prod/111/eu-west-1', resourceType: 'ec2.instance', error: 'throttled' },
    ]);
  });

  it('takes the final figures from the run summary and keeps it as the last run', () => {
    const state = fold([
      { type: 'run.started', runId: 'r1', at: '2026-11-25T10:00:00Z', trigger: 'manual', jobs: 3 },
      { type: 'run.completed', runId: 'r1', at: '2026-11-25T10:00:02Z', summary: summary('r1') },
    ]);
    expect(state).toMatchObject({ running: false, jobsDone: 3, jobsFailed: 1, listed: 7 });
    expect(state.lastSummary?.runId).toBe('r1');
    const next = fold(
      [
        {
          type: 'run.started',
          runId: 'r2',
          at: '2026-11-25T11:00:00Z',
          trigger: 'schedule',
          jobs: 1,
        },
      ],
      state,
    );
    expect(next).toMatchObject({
      runId: 'r2',
      running: true,
      jobsDone: 0,
      listed: 0,
      failures: [],
    });
    expect(next.lastSummary?.runId).toBe('r1');
  });

  it('adopts a run joined midway, with an unknown job total', () => {
    const state = fold([{ type: 'job.progress', runId: 'r9', jobId: 'x', listed: 5 }]);
    expect(state).toMatchObject({ runId: 'r9', running: true, jobsTotal: null, listed: 5 });
  });
});
