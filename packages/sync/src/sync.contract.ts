import { CcxError, type ProviderConnection } from '@ccx/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncDriver } from './driver';
import { createSyncService } from './service';
import { FlightRecorder, fakeConnection, type FakeScope } from './testing/fake-inventory';
import { MemoryRunLog, memoryLogger } from './testing/memory-run-log';
import { MemorySink } from './testing/memory-sink';
import { MemoryMetricSink } from './testing/memory-metric-sink';
import { fakeMetrics } from './testing/fake-metrics';
import type { JobRuntime, SyncEvent, SyncService, SyncServiceOptions } from './index';

/** A driver wired to run jobs with `runtime` (for BullMQ: a worker holding that runtime). */
export interface DriverHarness {
  driver: SyncDriver;
  close(): Promise<void>;
}

const fastRetry = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, seed: 7 };

/**
 * Behaviour every sync driver must have. Each test builds fake connections and an in-memory
 * sink, asks `setup` for a driver that runs jobs against them, and checks the service's
 * events, run record and sink calls.
 */
export function syncDriverContract(
  name: string,
  setup: (runtime: JobRuntime) => Promise<DriverHarness>,
): void {
  describe(`sync service on the ${name} driver`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    async function build(
      connections: ProviderConnection[],
      extra: Partial<Pick<SyncServiceOptions, 'limits' | 'retry'>> = {},
    ): Promise<{
      service: SyncService;
      sink: MemorySink;
      metrics: MemoryMetricSink;
      runs: MemoryRunLog;
      events: SyncEvent[];
    }> {
      const sink = new MemorySink();
      const metrics = new MemoryMetricSink();
      const runs = new MemoryRunLog();
      const harness = await setup({
        connections: new Map(connections.map((c) => [c.name, c])),
        sink,
        metrics,
      });
      const service = createSyncService({
        connections,
        sink,
        metrics,
        runs,
        driver: harness.driver,
        logger: memoryLogger(),
        retry: fastRetry,
        ...extra,
      });
      cleanups.push(async () => {
        await service.close();
        await harness.close();
      });
      const events: SyncEvent[] = [];
      service.subscribe((event) => events.push(event));
      return { service, sink, metrics, runs, events };
    }

    it('streams listings into the sink in batches and completes each scope after its last batch', async () => {
      const scopes: FakeScope[] = [
        { account: '111111111111', region: 'us-east-1', count: 1200 },
        { account: '111111111111', region: 'eu-west-1', count: 300 },
      ];
      const { service, sink, runs } = await build(
        [fakeConnection({ name: 'prod', scopes, pageSize: 250 })],
        {
          limits: { batchSize: 500 },
        },
      );
      const first = await service.run('test');
      expect(first.status).toBe('succeeded');
      expect(first.jobs).toEqual({ total: 2, succeeded: 2, failed: 0 });
      expect(first.resources).toMatchObject({ listed: 1500, created: 1500, deleted: 0 });
      expect(first.byProvider).toEqual({ aws: 1500 });
      const east = sink.calls.filter((c) => c.scope === 'prod/111111111111/us-east-1/ec2.instance');
      expect(east.map((c) => `${c.kind}:${c.size}`)).toEqual([
        'batch:500',
        'batch:500',
        'batch:200',
        'complete:0',
      ]);
      expect(runs.runs.get(first.runId)).toMatchObject({ status: 'succeeded', trigger: 'test' });

      scopes[0]!.count = 1000;
      const second = await service.run('test');
      expect(second.resources).toMatchObject({
        listed: 1300,
        created: 0,
        unchanged: 1300,
        deleted: 200,
      });
      expect(sink.live()).toHaveLength(1300);
    });

    it('syncs the metrics of listed resources in the job and counts them in events and summary', async () => {
      const provider = fakeMetrics({ metrics: ['cpu', 'networkOut'] });
      const { service, metrics, events } = await build([
        fakeConnection({
          name: 'prod',
          scopes: [
            { account: '111111111111', region: 'us-east-1', count: 30 },
            { account: '111111111111', region: 'eu-west-1', count: 10 },
          ],
          types: ['ec2.instance', 'ec2.volume'],
          metrics: provider,
        }),
      ]);
      const summary = await service.run('test');
      expect(summary.status).toBe('succeeded');
      // One batched fetch per instance job; volumes have no metrics.
      expect(provider.fetches.map((f) => f.request.refs.length).sort()).toEqual([10, 30]);
      expect(summary.metrics).toEqual({ series: 80, points: 80 * 14 * 24, failed: 0 });
      expect(metrics.keys()).toHaveLength(80);
      const completed = events.flatMap((e) => (e.type === 'job.completed' ? [e] : []));
      expect(
        completed
          .filter((e) => e.resourceType === 'ec2.instance')
          .map((e) => e.metrics.series)
          .sort(),
      ).toEqual([20, 60]);
      expect(events.at(-1)).toMatchObject({
        type: 'run.completed',
        summary: { metrics: summary.metrics },
      });
    });

    it('records each planned account once per run with its alias, from the coordinator', async () => {
      const { service, sink } = await build([
        fakeConnection({
          name: 'org',
          scopes: [
            { account: '111111111111', region: 'us-east-1', label: 'prod', count: 1 },
            { account: '111111111111', region: 'eu-west-1', label: 'prod', count: 1 },
            // A provider falls back to the id when no alias is configured: not an alias.
            { account: '222222222222', region: 'us-east-1', label: '222222222222', count: 1 },
          ],
        }),
        fakeConnection({
          name: 'lab',
          scopes: [{ account: '333333333333', region: 'us-east-1', count: 1 }],
        }),
      ]);
      const summary = await service.run('test');
      expect(summary.status).toBe('succeeded');
      expect(sink.recordedAccounts).toEqual([
        [
          { provider: 'aws', account: '111111111111', connection: 'org', alias: 'prod' },
          { provider: 'aws', account: '222222222222', connection: 'org', alias: null },
          { provider: 'aws', account: '333333333333', connection: 'lab', alias: null },
        ],
      ]);
      await service.run('again');
      expect(sink.recordedAccounts).toHaveLength(2);
    });

    it('deletes nothing in a scope whose listing fails and marks the run partial', async () => {
      const scopes: FakeScope[] = [
        { account: '111111111111', region: 'us-east-1', count: 300 },
        { account: '111111111111', region: 'eu-west-1', count: 300 },
      ];
      let failWest = false;
      const connection = fakeConnection({
        name: 'prod',
        scopes,
        pageSize: 100,
        beforePage: ({ scope, page }) => {
          if (failWest && scope.region === 'eu-west-1' && page === 1)
            throw new Error('AccessDenied mid-listing');
        },
      });
      const { service, sink, runs } = await build([connection], { limits: { batchSize: 100 } });
      await service.run('seed');
      expect(sink.live()).toHaveLength(600);

      failWest = true;
      scopes[0]!.count = 250;
      scopes[1]!.count = 150;
      const summary = await service.run('test');
      expect(summary.status).toBe('partial');
      expect(summary.jobs).toEqual({ total: 2, succeeded: 1, failed: 1 });
      expect(summary.errors).toEqual([
        {
          scope: 'prod/111111111111/eu-west-1',
          type: 'ec2.instance',
          message: 'AccessDenied mid-listing',
        },
      ]);
      const west = sink.calls.filter(
        (c) => c.runId === summary.runId && c.scope.includes('eu-west-1'),
      );
      expect(west.some((c) => c.kind === 'complete')).toBe(false);
      const live = sink.live();
      expect(live.filter((r) => r.region === 'eu-west-1')).toHaveLength(300);
      expect(live.filter((r) => r.region === 'us-east-1')).toHaveLength(250);
      expect(runs.runs.get(summary.runId)?.status).toBe('partial');
    });

    it('retries retryable errors with backoff and then succeeds', async () => {
      const connection = fakeConnection({
        name: 'prod',
        scopes: [{ account: '111111111111', region: 'us-east-1', count: 50 }],
        beforePage: ({ call }) => {
          if (call === 1) throw new CcxError('unavailable', 'Rate exceeded', { retryable: true });
          if (call === 2) throw Object.assign(new Error('ServiceUnavailable'), { $retryable: {} });
        },
      });
      const { service, events } = await build([connection]);
      const summary = await service.run('test');
      expect(summary.status).toBe('succeeded');
      expect(summary.resources.listed).toBe(50);
      const retries = events.filter((e) => e.type === 'job.retry');
      expect(retries.map((e) => [e.attempt, e.error])).toEqual([
        [1, 'Rate exceeded'],
        [2, 'ServiceUnavailable'],
      ]);
      for (const retry of retries) expect(retry.delayMs).toBeLessThanOrEqual(fastRetry.maxDelayMs);
      expect(connection.listCalls.get('111111111111/us-east-1/ec2.instance')).toBe(3);
    });

    it('counts each listed resource once when a retry lists again what a failed attempt wrote', async () => {
      const connection = fakeConnection({
        name: 'prod',
        scopes: [{ account: '111111111111', region: 'us-east-1', count: 300 }],
        pageSize: 100,
        beforePage: ({ call, page }) => {
          if (call === 1 && page === 2)
            throw new CcxError('unavailable', 'Rate exceeded', { retryable: true });
        },
      });
      const { service } = await build([connection], { limits: { batchSize: 100 } });
      const summary = await service.run('test');
      expect(summary.status).toBe('succeeded');
      expect(summary.resources).toMatchObject({
        listed: 300,
        created: 300,
        updated: 0,
        unchanged: 0,
        deleted: 0,
      });
    });

    it('fails a job at once on a non-retryable error and gives up after the last attempt', async () => {
      const connection = fakeConnection({
        name: 'prod',
        scopes: [
          { account: '111111111111', region: 'us-east-1', count: 10 },
          { account: '111111111111', region: 'eu-west-1', count: 10 },
        ],
        beforePage: ({ scope }) => {
          if (scope.region === 'us-east-1')
            throw new CcxError('forbidden', 'UnauthorizedOperation');
          throw new CcxError('unavailable', 'still throttled', { retryable: true });
        },
      });
      const { service, events } = await build([connection]);
      const summary = await service.run('test');
      expect(summary.status).toBe('failed');
      expect(summary.jobs.failed).toBe(2);
      expect(connection.listCalls.get('111111111111/us-east-1/ec2.instance')).toBe(1);
      expect(connection.listCalls.get('111111111111/eu-west-1/ec2.instance')).toBe(
        fastRetry.maxAttempts,
      );
      expect(events.filter((e) => e.type === 'job.retry')).toHaveLength(fastRetry.maxAttempts - 1);
    });

    it('never runs more jobs at once than the run, provider and API limits allow', async () => {
      const recorder = new FlightRecorder();
      const accounts = ['111111111111', '222222222222', '333333333333'];
      const regions = ['us-east-1', 'eu-west-1'];
      const scopes = accounts.flatMap((account) =>
        regions.map((region) => ({ account, region, count: 30 })),
      );
      const aws = fakeConnection({
        name: 'aws-prod',
        scopes,
        types: ['ec2.instance', 'ec2.volume'],
        pageSize: 10,
        pageDelayMs: 8,
        recorder,
      });
      const gcp = fakeConnection({
        name: 'gcp-prod',
        provider: 'gcp',
        scopes,
        pageSize: 10,
        pageDelayMs: 8,
        recorder,
      });
      const { service } = await build([aws, gcp], {
        limits: { maxConcurrentJobs: 5, perProvider: 3, perApi: 1, providers: { gcp: 2 } },
      });
      const summary = await service.run('test');
      expect(summary.jobs.succeeded).toBe(18);
      expect(recorder.max('total')).toBeLessThanOrEqual(5);
      expect(recorder.max('total')).toBeGreaterThan(1);
      expect(recorder.max('provider:aws')).toBeLessThanOrEqual(3);
      expect(recorder.max('provider:gcp')).toBeLessThanOrEqual(2);
      expect(recorder.maxWhere('api:')).toBe(1);
    });

    it('emits events in order: run, then each job from start to end, then the run summary', async () => {
      const connection = fakeConnection({
        name: 'prod',
        scopes: [
          { account: '111111111111', region: 'us-east-1', count: 25 },
          { account: '222222222222', region: 'us-east-1', count: 5 },
        ],
        pageSize: 10,
        beforePage: ({ scope, call }) => {
          if (scope.account === '222222222222' && call === 1) {
            throw new CcxError('unavailable', 'Throttling', { retryable: true });
          }
        },
      });
      const { service, events } = await build([connection], { limits: { batchSize: 10 } });
      const summary = await service.run('test');
      expect(events[0]).toMatchObject({
        type: 'run.started',
        runId: summary.runId,
        jobs: 2,
        trigger: 'test',
      });
      expect(events.at(-1)).toEqual(expect.objectContaining({ type: 'run.completed', summary }));
      const byJob = new Map<string, string[]>();
      for (const event of events) {
        if (!('jobId' in event)) continue;
        const label = event.type === 'job.progress' ? `progress:${event.listed}` : event.type;
        byJob.set(event.jobId, [...(byJob.get(event.jobId) ?? []), label]);
      }
      expect([...byJob.values()].sort()).toEqual([
        ['job.started', 'job.retry', 'progress:5', 'job.completed'],
        ['job.started', 'progress:10', 'progress:20', 'progress:25', 'job.completed'],
      ]);
    });

    it('refuses a second run while one is running', async () => {
      const connection = fakeConnection({
        name: 'prod',
        scopes: [{ account: '111111111111', region: 'us-east-1', count: 20 }],
        pageSize: 5,
        pageDelayMs: 10,
      });
      const { service, events } = await build([connection]);
      const { runId } = await service.start('first');
      expect(service.current()).toBe(runId);
      await expect(service.start('second')).rejects.toMatchObject({ code: 'conflict' });
      await expect(service.run('third')).rejects.toBeInstanceOf(CcxError);
      await new Promise<void>((resolve) => {
        const stop = service.subscribe((event) => {
          if (event.type === 'run.completed') {
            stop();
            resolve();
          }
        });
      });
      expect(service.current()).toBeNull();
      expect(events.filter((e) => e.type === 'run.started')).toHaveLength(1);
      const next = await service.run('after');
      expect(next.status).toBe('succeeded');
    });
  });
}
