import type { MetricSeries } from '@ccx/core';
import { openStore, type Store } from '@ccx/store';
import { resourceIn, scopeOf } from '@ccx/store/testing';
import type { SyncService } from '@ccx/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scheduleComputeAnalysis } from './compute-analysis';

/** Monday 23 November 2026, 10:30 UTC. */
const NOW = new Date(Date.UTC(2026, 10, 23, 10, 30));
const HOUR = 3600;
const DAY = 86_400;
/** Where the synced window starts at NOW: 14 days before the current hour. */
const WINDOW_START = Date.UTC(2026, 10, 23, 10) / 1000 - 14 * DAY;
const SCOPE = scopeOf({ connection: 'aws' });

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const noSync = { subscribe: () => () => {} } as unknown as SyncService;

const instance = (id: string, state: string) =>
  resourceIn(SCOPE, id, { state, attributes: { instanceType: 'm5.large' } });

/** Hourly points from `from` (epoch s), one per value. */
const hourly = (uid: string, from: number, values: number[]): MetricSeries => ({
  uid,
  metric: 'cpu',
  periodSeconds: HOUR,
  timestamps: values.map((_, i) => from + i * HOUR),
  values,
});

let store: Store;
beforeEach(async () => {
  store = await openStore({ url: ':memory:' });
});
afterEach(async () => {
  await store.close();
});

describe('compute analysis prune pass', () => {
  it('trims series no sync writes any more to the 14-day window', async () => {
    const stopped = instance('i-stopped', 'stopped');
    const longStopped = instance('i-long-stopped', 'stopped');
    const running = instance('i-running', 'running');
    const runId = 'run-1';
    await store.resources.applyBatch({
      scope: SCOPE,
      type: 'ec2.instance',
      runId,
      resources: [stopped, longStopped, running],
    });
    await store.resources.completeListing({ scope: SCOPE, type: 'ec2.instance', runId });
    // Merged weeks ago with a window of that time; no merge has touched them since.
    await store.metricSeries.merge({
      series: [
        hourly(stopped.uid, WINDOW_START - 3 * HOUR, [1, 2, 3, 4, 5]),
        hourly(longStopped.uid, WINDOW_START - 5 * DAY, [7, 8]),
        hourly(running.uid, WINDOW_START, [9, 9]),
      ],
      keepAfter: 0,
    });

    const analysis = scheduleComputeAnalysis({
      store,
      sync: noSync,
      logger: silent,
      now: () => NOW,
    });
    await analysis.runNow();
    await analysis.close();

    expect(
      await store.metricSeries.list({ uids: [stopped.uid, longStopped.uid, running.uid] }),
    ).toEqual([
      hourly(running.uid, WINDOW_START, [9, 9]),
      hourly(stopped.uid, WINDOW_START, [4, 5]),
    ]);
  });
});
