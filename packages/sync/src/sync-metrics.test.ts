import { CcxError, SYNCED_METRICS, type ProviderConnection } from '@ccx/core';
import { afterEach, describe, expect, it } from 'vitest';
import { metricWindow } from './metric-window';
import { createSyncService } from './service';
import { fakeConnection, type FakeScope } from './testing/fake-inventory';
import { fakeMetrics, fakeValue } from './testing/fake-metrics';
import { MemoryMetricSink } from './testing/memory-metric-sink';
import { MemoryRunLog, memoryLogger } from './testing/memory-run-log';
import { MemorySink } from './testing/memory-sink';
import type { SyncServiceOptions } from './service-options';
import type { SyncEvent, SyncService } from './types';

const HOUR = 3600;
const fastRetry = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, seed: 3 };
const ACCOUNT = '111111111111';

describe('metrics in the sync engine', () => {
  const services: SyncService[] = [];
  afterEach(async () => {
    for (const service of services.splice(0)) await service.close();
  });

  /** The clock the metric windows are computed from; tests move it. */
  let now = new Date('2026-11-26T03:20:00Z');

  function build(
    connections: ProviderConnection[],
    extra: { noMetrics?: boolean } = {},
  ): { service: SyncService; sink: MemorySink; metrics: MemoryMetricSink; events: SyncEvent[] } {
    const sink = new MemorySink();
    const metrics = new MemoryMetricSink();
    const options: SyncServiceOptions = {
      connections,
      sink,
      runs: new MemoryRunLog(),
      logger: memoryLogger(),
      retry: fastRetry,
      now: () => now,
      ...(extra.noMetrics ? {} : { metrics }),
    };
    const service = createSyncService(options);
    services.push(service);
    const events: SyncEvent[] = [];
    service.subscribe((event) => events.push(event));
    return { service, sink, metrics, events };
  }

  it('fetches the synced metrics of the listed resources in one batched fetch per job', async () => {
    now = new Date('2026-11-26T03:20:00Z');
    const provider = fakeMetrics();
    const scopes: FakeScope[] = [
      { account: ACCOUNT, region: 'us-east-1', count: 30 },
      { account: ACCOUNT, region: 'eu-west-1', count: 5 },
    ];
    const connection = fakeConnection({
      name: 'prod',
      scopes,
      types: ['ec2.instance', 'ec2.volume'],
      metrics: provider,
      stateOf: (i) => (i === 0 ? 'terminated' : 'running'),
    });
    const { service, sink, metrics, events } = build([connection]);
    const summary = await service.run('test');
    expect(summary.status).toBe('succeeded');

    const window = metricWindow(now);
    expect(provider.fetches).toHaveLength(2);
    const east = provider.fetches.find((f) => f.scope.region === 'us-east-1')!;
    expect(east.scope).toMatchObject({ connection: 'prod', account: ACCOUNT, region: 'us-east-1' });
    expect(east.request).toMatchObject({
      metrics: ['cpu', 'cpuMax', 'networkIn'],
      periodSeconds: HOUR,
      start: new Date(window.keepAfter * 1000),
      end: new Date('2026-11-26T03:00:00Z'),
    });
    // The terminated resource (index 0) is listed but has no metrics to fetch.
    expect(east.request.refs.map((ref) => ref.id)).toEqual(
      Array.from({ length: 29 }, (_, i) => `r-${String(i + 1).padStart(5, '0')}`),
    );
    expect(east.request.refs.every((ref) => ref.type === 'ec2.instance')).toBe(true);

    const series = (29 + 4) * 3;
    const points = series * 14 * 24;
    expect(summary.metrics).toEqual({ series, points, failed: 0 });
    expect(metrics.keys()).toHaveLength(series);
    const uid = `aws/${ACCOUNT}/us-east-1/ec2.instance/r-00001`;
    const cpu = metrics.series(uid, 'cpu');
    expect(cpu).toHaveLength(14 * 24);
    expect(cpu.at(-1)).toEqual([window.end - HOUR, fakeValue(uid, 'cpu', window.end - HOUR)]);
    expect(sink.live()).toHaveLength(70);
    const completed = events.filter((e) => e.type === 'job.completed');
    expect(completed.map((e) => e.metrics).sort((a, b) => a.series - b.series)).toEqual([
      { series: 0, points: 0, failed: 0 },
      { series: 0, points: 0, failed: 0 },
      { series: 12, points: 12 * 336, failed: 0 },
      { series: 87, points: 87 * 336, failed: 0 },
    ]);
  });

  it('fetches only what is new on the next run, splitting off new resources for the full window', async () => {
    now = new Date('2026-11-26T03:20:00Z');
    const provider = fakeMetrics({ metrics: ['cpu'] });
    const scopes: FakeScope[] = [{ account: ACCOUNT, region: 'us-east-1', count: 40 }];
    const { service, metrics } = build([
      fakeConnection({ name: 'prod', scopes, metrics: provider }),
    ]);
    await service.run('first');
    now = new Date('2026-11-26T06:05:00Z');
    scopes[0]!.count = 41;
    const second = await service.run('second');
    const [, fresh, incremental] = provider.fetches;
    expect(provider.fetches).toHaveLength(3);
    expect(fresh?.request.refs.map((ref) => ref.id)).toEqual(['r-00040']);
    expect(fresh?.request.start).toEqual(new Date(metricWindow(now).keepAfter * 1000));
    expect(incremental?.request.refs).toHaveLength(40);
    // From the newest stored point (02:00, refetched) to the current hour (06:00).
    expect(incremental?.request.start).toEqual(new Date('2026-11-26T02:00:00Z'));
    expect(incremental?.request.end).toEqual(new Date('2026-11-26T06:00:00Z'));
    expect(second.metrics).toEqual({ series: 41, points: 336 + 40 * 4, failed: 0 });
    const uid = `aws/${ACCOUNT}/us-east-1/ec2.instance/r-00000`;
    // Points older than the window are gone, and the series ends at the last whole hour.
    const cpu = metrics.series(uid, 'cpu');
    expect(cpu).toHaveLength(14 * 24);
    expect(cpu.at(-1)?.[0]).toBe(metricWindow(now).end - HOUR);
  });

  it('writes series to the sink in chunks as they arrive', async () => {
    const provider = fakeMetrics({ metrics: ['cpu', 'cpuMax', 'networkIn', 'networkOut'] });
    const { service, metrics } = build([
      fakeConnection({
        name: 'prod',
        scopes: [{ account: ACCOUNT, region: 'us-east-1', count: 300 }],
        metrics: provider,
      }),
    ]);
    const summary = await service.run('test');
    expect(summary.metrics.series).toBe(1200);
    expect(metrics.merges).toEqual([1000, 200]);
  });

  it('retries a failed fetch, then reports a lasting failure as an error of the metrics only', async () => {
    let failing = 'once';
    const provider = fakeMetrics({
      beforeSeries: ({ index, call }) => {
        if (failing === 'once' && call === 1 && index === 5)
          throw new CcxError('unavailable', 'Rate exceeded', { retryable: true });
        if (failing === 'always' && index === 5)
          throw new CcxError('forbidden', 'not authorized to perform cloudwatch:GetMetricData');
      },
    });
    const scopes: FakeScope[] = [{ account: ACCOUNT, region: 'us-east-1', count: 20 }];
    const { service, sink, metrics, events } = build([
      fakeConnection({ name: 'prod', scopes, metrics: provider }),
    ]);
    const first = await service.run('first');
    expect(first.status).toBe('succeeded');
    expect(first.metrics).toEqual({ series: 60, points: 60 * 336, failed: 0 });
    expect(events.filter((e) => e.type === 'job.retry').map((e) => e.error)).toEqual([
      'Rate exceeded',
    ]);

    failing = 'always';
    scopes[0]!.count = 15;
    now = new Date(now.getTime() + 2 * HOUR * 1000);
    const second = await service.run('second');
    expect(second.status).toBe('partial');
    expect(second.jobs).toEqual({ total: 1, succeeded: 1, failed: 0 });
    expect(second.errors).toEqual([
      {
        scope: `prod/${ACCOUNT}/us-east-1`,
        type: 'ec2.instance#metrics',
        message: 'not authorized to perform cloudwatch:GetMetricData',
      },
    ]);
    expect(second.metrics).toMatchObject({ failed: 15 });
    // The listing stands: completed, with its deletions.
    expect(second.resources).toMatchObject({ listed: 15, deleted: 5 });
    expect(sink.live()).toHaveLength(15);
    expect(
      sink.calls.filter((c) => c.runId === second.runId && c.kind === 'complete'),
    ).toHaveLength(1);
    expect(metrics.keys()).toHaveLength(60);
  });

  it('fetches nothing for types without metrics, or without a metric sink', async () => {
    const provider = fakeMetrics({ types: ['ec2.instance'] });
    const scopes: FakeScope[] = [{ account: ACCOUNT, region: 'us-east-1', count: 3 }];
    const { service } = build([
      fakeConnection({ name: 'prod', scopes, types: ['ec2.volume'], metrics: provider }),
    ]);
    expect((await service.run('test')).metrics).toEqual({ series: 0, points: 0, failed: 0 });
    const { service: listingOnly } = build(
      [fakeConnection({ name: 'prod', scopes, metrics: provider })],
      { noMetrics: true },
    );
    expect((await listingOnly.run('test')).resources.listed).toBe(3);
    expect(provider.fetches).toHaveLength(0);
    expect(SYNCED_METRICS).toContain('cpu');
  });

  it('plans jobs for the types a scope names, and every type where it names none', async () => {
    const connection = fakeConnection({
      name: 'azure',
      provider: 'azure',
      types: ['azure.vm', 'azure.disk', 'storage.container'],
      scopes: [
        { account: 'sub-1', region: 'westeurope', count: 2, types: ['azure.vm', 'azure.unknown'] },
        { account: 'sub-1', region: 'stacct1', count: 1, types: ['storage.container'] },
        { account: 'sub-2', region: 'westeurope', count: 1 },
      ],
    });
    const { service, sink } = build([connection], { noMetrics: true });
    const summary = await service.run('test');
    expect(summary.jobs).toEqual({ total: 5, succeeded: 5, failed: 0 });
    expect([...new Set(sink.calls.map((c) => c.scope))].sort()).toEqual([
      'azure/sub-1/stacct1/storage.container',
      'azure/sub-1/westeurope/azure.vm',
      'azure/sub-2/westeurope/azure.disk',
      'azure/sub-2/westeurope/azure.vm',
      'azure/sub-2/westeurope/storage.container',
    ]);
  });
});
