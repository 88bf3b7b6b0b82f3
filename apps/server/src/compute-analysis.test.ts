import type { MetricSeries, Resource } from '@ccx/core';
import { COMPUTE_FINDING_KINDS as K } from '@ccx/insights';
import { openStore, type Store } from '@ccx/store';
import { resourceIn, scopeOf } from '@ccx/store/testing';
import type { SyncEvent, SyncService, SyncSummary } from '@ccx/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scheduleComputeAnalysis } from './compute-analysis';

const ACCOUNT = '111111111111';
const SCOPE = scopeOf({ connection: 'aws', account: ACCOUNT });
/** Monday 23 November 2026, 00:00 UTC. */
const NOW = new Date(Date.UTC(2026, 10, 23));
const END = NOW.getTime() / 1000;

function fakeSync() {
  const listeners = new Set<(event: SyncEvent) => void>();
  const service = {
    subscribe(listener: (event: SyncEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as SyncService;
  const complete = (status: SyncSummary['status']) => {
    for (const listener of listeners)
      listener({
        type: 'run.completed',
        runId: 'r1',
        at: new Date().toISOString(),
        summary: { status } as SyncSummary,
      });
  };
  return { service, complete, listeners };
}

function captureLogger() {
  const lines: { level: string; obj: object; msg?: string }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => lines.push({ level, obj, msg });
  return {
    lines,
    logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
  };
}

const ec2 = (type: string, id: string, state: string | null, attributes: Record<string, unknown>) =>
  resourceIn(SCOPE, id, { type, state, attributes });

const instance = ec2('ec2.instance', 'i-big', 'running', { instanceType: 'm5.2xlarge' });
const orphan = (attachedInstanceId: string | null) =>
  ec2('ec2.volume', 'vol-1', attachedInstanceId ? 'in-use' : 'available', {
    sizeGiB: 100,
    volumeType: 'gp3',
    state: attachedInstanceId ? 'in-use' : 'available',
    attachedInstanceId,
  });
const address = ec2('ec2.address', 'eipalloc-1', null, { publicIp: '198.51.100.4' });

/** Hourly points over the 14 days before NOW at a constant level. */
function flat(uid: string, metric: MetricSeries['metric'], level: number): MetricSeries {
  const timestamps = Array.from({ length: 14 * 24 }, (_, i) => END - 14 * 86_400 + i * 3600);
  return { uid, metric, periodSeconds: 3600, timestamps, values: timestamps.map(() => level) };
}

let store: Store;
beforeEach(async () => {
  store = await openStore({ url: ':memory:' });
});
afterEach(async () => {
  await store.close();
});

async function seed(resources: Resource[], runId: string, type: string) {
  await store.resources.applyBatch({ scope: SCOPE, type, runId, resources });
  await store.resources.completeListing({ scope: SCOPE, type, runId });
}

const kindsOf = async (uid: string) =>
  (await store.findings.list({ resourceUid: [uid] })).map((f) => `${f.kind}/${f.subject}`);

describe('compute analysis', () => {
  it('writes findings after a completed sync, from stored resources and series', async () => {
    await seed([instance], 'run-1', 'ec2.instance');
    await seed([orphan(null)], 'run-1', 'ec2.volume');
    await seed([address], 'run-1', 'ec2.address');
    await store.metricSeries.merge({
      series: [
        flat(instance.uid, 'cpuMax', 5),
        flat(instance.uid, 'networkIn', 1e8),
        flat(instance.uid, 'networkOut', 1e8),
      ],
      keepAfter: END - 15 * 86_400,
    });
    const sync = fakeSync();
    const { logger, lines } = captureLogger();
    const analysis = scheduleComputeAnalysis({ store, sync: sync.service, logger, now: () => NOW });

    sync.complete('failed');
    expect(await store.findings.list()).toEqual([]);
    sync.complete('partial');
    await analysis.runNow();

    const [rightsizing] = await store.findings.list({ resourceUid: [instance.uid] });
    expect(rightsizing).toMatchObject({
      kind: K.rightsizing,
      subject: 'instance-size',
      estimatedMonthlyImpact: { amount: 96.36, currency: 'USD' },
      evidence: { statistic: 'maximum', demand: 5, recommended: { type: 'r6i.xlarge' } },
    });
    expect(await kindsOf(orphan(null).uid)).toEqual([`${K.unattachedVolume}/unattached`]);
    expect(await kindsOf(address.uid)).toEqual([`${K.unassociatedAddress}/unassociated`]);
    expect(lines.some((l) => l.level === 'info' && l.msg === 'compute analysis finished')).toBe(
      true,
    );
    await analysis.close();
    expect(sync.listeners.size).toBe(0);
  });

  it('clears findings that no longer apply, including those of deleted resources', async () => {
    await seed([instance], 'run-1', 'ec2.instance');
    await seed([orphan(null)], 'run-1', 'ec2.volume');
    await seed([address], 'run-1', 'ec2.address');
    const sync = fakeSync();
    const { logger } = captureLogger();
    const analysis = scheduleComputeAnalysis({ store, sync: sync.service, logger, now: () => NOW });
    await analysis.runNow();
    expect(await kindsOf(orphan(null).uid)).toHaveLength(1);
    expect(await kindsOf(address.uid)).toHaveLength(1);
    // Without series the instance is not judged: no finding, and nothing written for it.
    expect(await kindsOf(instance.uid)).toEqual([]);

    // The volume is now attached; the address was released (a complete listing without it).
    await seed([orphan('i-big')], 'run-2', 'ec2.volume');
    await seed([], 'run-2', 'ec2.address');
    await analysis.runNow();
    expect(await store.findings.list()).toEqual([]);
    await analysis.close();
  });

  it('analyses in slices, with the whole inventory as context', async () => {
    const stopped = ec2('ec2.instance', 'i-stopped', 'stopped', { instanceType: 'm5.large' });
    await seed([stopped], 'run-1', 'ec2.instance');
    await seed([orphan('i-stopped')], 'run-1', 'ec2.volume');
    const sync = fakeSync();
    const { logger } = captureLogger();
    const analysis = scheduleComputeAnalysis({
      store,
      sync: sync.service,
      logger,
      now: () => NOW,
      sliceSize: 1,
    });
    await analysis.runNow();
    // The volume is in another slice than its instance, and still counted for it: 100 × 0.08.
    expect(await store.findings.list()).toMatchObject([
      {
        resourceUid: stopped.uid,
        kind: K.stoppedStorage,
        estimatedMonthlyImpact: { amount: 8, currency: 'USD' },
      },
    ]);
    await analysis.close();
  });

  it('coalesces requests during a pass and runs nothing after close', async () => {
    await seed([orphan(null)], 'run-1', 'ec2.volume');
    const sync = fakeSync();
    const { logger, lines } = captureLogger();
    const analysis = scheduleComputeAnalysis({ store, sync: sync.service, logger, now: () => NOW });
    await Promise.all([analysis.runNow(), analysis.runNow(), analysis.runNow()]);
    // One pass, then one more for the requests that arrived during it.
    expect(lines.filter((l) => l.msg === 'compute analysis finished')).toHaveLength(2);
    await analysis.close();
    await analysis.runNow();
    expect(lines.filter((l) => l.msg === 'compute analysis finished')).toHaveLength(2);
  });
});
