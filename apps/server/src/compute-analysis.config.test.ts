import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MetricSeries, Resource } from '@ccx/core';
import { COMPUTE_FINDING_KINDS as K } from '@ccx/insights';
import { resourceIn, scopeOf } from '@ccx/store/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from './config/load';
import { createLogger } from './logger';
import { startServer, type RunningServer } from './start-server';

const SCOPE = scopeOf({ connection: 'aws' });
const instance = (id: string, instanceType: string): Resource =>
  resourceIn(SCOPE, id, { attributes: { instanceType } });

/**
 * Two machines whose verdict turns on the preset. Both peak in one hour out of twenty: the
 * m5.large at 90 % over a 30 % floor (P99.5 = 90 needs more than its 2 vCPU at 20 % headroom;
 * P90 = 30 fits in it at 10 %), the m5.2xlarge at 60 % over 5 % (P99.5 = 60 keeps its 8 vCPU;
 * P90 = 5 fits in half of them).
 */
const busy = instance('i-busy', 'm5.large');
const spiky = instance('i-spiky', 'm5.2xlarge');

/** Hourly points over the 14 days before the wall clock (the server analyses at "now"). */
function peaks(uid: string, metric: MetricSeries['metric'], floor: number, peak: number) {
  const end = Math.floor(Date.now() / 3_600_000) * 3600;
  const timestamps = Array.from({ length: 14 * 24 }, (_, i) => end - 14 * 86_400 + i * 3600);
  const values = timestamps.map((_, i) => (i % 20 === 0 ? peak : floor));
  return { uid, metric, periodSeconds: 3600, timestamps, values } satisfies MetricSeries;
}

const running: RunningServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const idleMachine = instance('i-idle', 'm5.large');

/** Stored series: the two rightsizing machines, or one machine idle by either idle rule. */
function seriesOf(machines: 'rightsizing' | 'idle'): MetricSeries[] {
  const traffic = (uid: string, bytes: number) => [
    peaks(uid, 'networkIn', bytes, bytes),
    peaks(uid, 'networkOut', bytes, bytes),
  ];
  if (machines === 'idle')
    return [
      peaks(idleMachine.uid, 'cpuMax', 1, 1),
      peaks(idleMachine.uid, 'cpu', 0.5, 0.5),
      ...traffic(idleMachine.uid, 1000),
    ];
  return [
    peaks(busy.uid, 'cpuMax', 30, 90),
    ...traffic(busy.uid, 1e8),
    peaks(spiky.uid, 'cpuMax', 5, 60),
    ...traffic(spiky.uid, 1e8),
  ];
}

/** A server started from a ccx.yaml holding `insights`, with the machines stored. */
async function serverWith(
  insights: string,
  machines: 'rightsizing' | 'idle' = 'rightsizing',
): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'ccx-insights-'));
  dirs.push(dir);
  const file = join(dir, 'ccx.yaml');
  writeFileSync(file, `dataDir: ${JSON.stringify(dir)}\nlogging: { level: silent }\n${insights}`);
  const config = loadConfig({ file, env: {} });
  const server = await startServer(config, { port: 0, logger: createLogger('silent'), web: false });
  running.push(server);
  const { store } = server;
  await store.resources.applyBatch({
    scope: SCOPE,
    type: 'ec2.instance',
    runId: 'seed',
    resources: machines === 'idle' ? [idleMachine] : [busy, spiky],
  });
  await store.resources.completeListing({ scope: SCOPE, type: 'ec2.instance', runId: 'seed' });
  await store.metricSeries.merge({
    series: seriesOf(machines),
    keepAfter: Math.floor(Date.now() / 1000) - 15 * 86_400,
  });
  return server;
}

/** The findings of `kind` the analysis writes after a sync run, once there are `count`. */
async function findingsAfterSync(server: RunningServer, count = 1, kind: string = K.rightsizing) {
  await server.sync.run('test');
  return vi.waitFor(async () => {
    const findings = await server.store.findings.list({ kind: [kind] });
    expect(findings).toHaveLength(count);
    return findings.sort((a, b) => a.resourceUid.localeCompare(b.resourceUid));
  });
}

describe('the compute analysis of a running server', () => {
  it("rightsizes with Compute Optimizer's preset when the config names none", async () => {
    const findings = await findingsAfterSync(await serverWith(''));
    expect(findings).toMatchObject([
      {
        resourceUid: busy.uid,
        title: 'Under-provisioned: m5.large runs at 90.0 % (P99.5); move to c6i.xlarge',
        evidence: { percentile: 99.5, headroom: 20, recommended: { type: 'c6i.xlarge' } },
      },
    ]);
  });

  it('rightsizes with the preset insights.compute.rightsizing names', async () => {
    const findings = await findingsAfterSync(
      await serverWith('insights:\n  compute:\n    rightsizing: cost\n'),
    );
    expect(findings).toMatchObject([
      {
        resourceUid: spiky.uid,
        title: 'Downsize m5.2xlarge to r6i.xlarge: saves $96.36 a month',
        estimatedMonthlyImpact: { amount: 96.36, currency: 'USD' },
        evidence: { percentile: 90, headroom: 10, recommended: { type: 'r6i.xlarge' } },
      },
    ]);
  });

  it('rightsizes with a custom policy from the config', async () => {
    const findings = await findingsAfterSync(
      await serverWith(
        'insights:\n  compute:\n    rightsizing: { percentile: 90, headroom: 10, shrinkMemory: true }\n',
      ),
      2,
    );
    // Memory may shrink: both fit a 2-vCPU compute-optimised size (4 GiB).
    expect(findings.map((f) => [f.resourceUid, f.title])).toEqual([
      [busy.uid, 'Downsize m5.large to c6i.large: saves $8.03 a month'],
      [spiky.uid, 'Downsize m5.2xlarge to c6i.large: saves $218.27 a month'],
    ]);
  });

  it('judges idle machines by the rule insights.compute.idle names', async () => {
    const byDefault = await findingsAfterSync(await serverWith('', 'idle'), 1, K.idle);
    expect(byDefault).toMatchObject([
      { resourceUid: idleMachine.uid, evidence: { preset: 'aws', lookbackDays: 14 } },
    ]);
    const advisor = await findingsAfterSync(
      await serverWith('insights:\n  compute:\n    idle: azure-advisor\n', 'idle'),
      1,
      K.idle,
    );
    expect(advisor).toMatchObject([
      {
        resourceUid: idleMachine.uid,
        evidence: { preset: 'azure-advisor', lookbackDays: 7, recentAverageMax: 0.5 },
      },
    ]);
  });
});
