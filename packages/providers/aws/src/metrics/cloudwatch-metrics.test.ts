import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CcxError,
  SYNC_METRIC_PERIOD_SECONDS,
  SYNC_METRIC_WINDOW_DAYS,
  SYNCED_METRICS,
  type MetricSeries,
  type ProviderConnection,
  type Resource,
  type ResourceRef,
  type Scope,
} from '@ccx/core';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { describeMetricsContract } from '@ccx/provider-testing/metrics-contract';
import { startSandbox, type SandboxHandle } from '@ccx/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsProvider } from '../provider';
import type { CloudWatchMetrics } from './cloudwatch-metrics';
import { fetchCall, MAX_DATAPOINTS, type PlannedQuery } from './fetch-call';

/**
 * CloudWatch metrics through the AWS provider against the sandbox: the official SDK over
 * loopback, with calls counted by the sandbox, so packing and paging are asserted from what
 * went over the wire.
 */
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const DAY_MS = 86_400_000;

let sandbox: SandboxHandle;
let connection: ProviderConnection;
let scope: Scope;
let resources: Resource[];

const metricsOf = (c: ProviderConnection) => c.metrics as CloudWatchMetrics;
const refOf = (resource: Resource): ResourceRef => ({
  provider: 'aws',
  account: resource.account,
  region: resource.region,
  type: resource.type,
  id: resource.id,
});
const wireCalls = () => sandbox.stats().byOperation['monitoring:GetMetricData'] ?? 0;

async function listAll(type: string): Promise<Resource[]> {
  const out: Resource[] = [];
  for await (const resource of connection.inventory!.list(scope, type)) out.push(resource);
  return out;
}

/** Resources that have run since before the contract's 14-day, one-minute window. */
function longRunning(type: string, state: string): Resource[] {
  return resources.filter(
    (r) =>
      r.type === type &&
      r.state === state &&
      r.createdAt !== null &&
      Date.parse(r.createdAt) < Date.now() - 15 * DAY_MS &&
      (type !== 'ecs.service' || (r.attributes.desiredCount as number) > 0),
  );
}

beforeAll(async () => {
  sandbox = await startSandbox({
    stateDir: mkdtempSync(join(tmpdir(), 'ccx-aws-metrics-')),
    estate: { accounts: 2, regions: ['us-east-1', 'eu-west-1'], instancesPerRegion: 150 },
    gcsScale: 0,
    s3Scale: 0,
  });
  const config = awsProvider.configSchema.parse(sandbox.cliConfig().connections[0]);
  connection = await awsProvider.connect('sandbox-aws', config, { logger: silent });
  scope = (await connection.scopes()).find(
    (s) => s.account === sandbox.accounts[0]!.id && s.region === 'us-east-1',
  )!;
  resources = [...(await listAll('ec2.instance')), ...(await listAll('ecs.service'))];
}, 60_000);
afterAll(async () => {
  await connection.close();
  await sandbox.stop();
});

const fixture = (type: string, state: string) => () =>
  Promise.resolve({
    metrics: connection.metrics!,
    scope,
    refs: longRunning(type, state).slice(0, 3).map(refOf),
    type,
    callCount: wireCalls,
    cleanup: () => Promise.resolve(),
  });

describeMetricsContract('AWS EC2 instances (CloudWatch)', fixture('ec2.instance', 'running'));
describeMetricsContract('AWS ECS services (CloudWatch)', fixture('ecs.service', 'active'));

describe('CloudWatch metrics packing', () => {
  it('fetches what a sync keeps for every instance of a scope in as few calls as fit', async () => {
    const instances = resources.filter((r) => r.type === 'ec2.instance').map(refOf);
    expect(instances.length).toBeGreaterThan(100);
    const end = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    const kept = connection.metrics!.metricsFor('ec2.instance');
    const synced = SYNCED_METRICS.filter((metric) => kept.includes(metric));
    const request = {
      refs: instances,
      metrics: synced,
      start: new Date(end.getTime() - SYNC_METRIC_WINDOW_DAYS * DAY_MS),
      end,
      periodSeconds: SYNC_METRIC_PERIOD_SECONDS,
    };
    const before = { wire: wireCalls(), own: metricsOf(connection).stats() };
    const series: MetricSeries[] = [];
    for await (const one of connection.metrics!.fetch(scope, request)) series.push(one);
    expect(series).toHaveLength(instances.length * synced.length);
    // 336 hourly points a query: 300 queries fill a response.
    const queries = instances.length * synced.length;
    const expectedCalls = Math.ceil(queries / 300);
    expect(wireCalls() - before.wire).toBe(expectedCalls);
    const after = metricsOf(connection).stats();
    expect(after.calls - before.own.calls).toBe(expectedCalls);
    expect(after.queries - before.own.queries).toBe(queries);
    expect(after.datapoints - before.own.datapoints).toBe(
      series.reduce((sum, s) => sum + s.values.length, 0),
    );
    const running = new Set(
      resources.filter((r) => r.type === 'ec2.instance' && r.state === 'running').map((r) => r.uid),
    );
    const withData = new Set(series.filter((s) => s.values.length > 0).map((s) => s.uid));
    for (const uid of running) expect(withData.has(uid)).toBe(true);
  });

  it('joins the points of a query that spans pages, once, in order', async () => {
    const config = sandbox.cliConfig().connections[0] as {
      endpoint: string;
      credentials: { accessKeyId: string; secretAccessKey: string };
    };
    const client = new CloudWatchClient({
      endpoint: config.endpoint,
      region: scope.region,
      credentials: config.credentials,
    });
    try {
      const instances = longRunning('ec2.instance', 'running').slice(0, 3);
      const queries: PlannedQuery[] = instances.flatMap((resource, r) =>
        (['CPUUtilization', 'NetworkIn'] as const).map((metricName, m) => ({
          uid: resource.uid,
          metric: m === 0 ? ('cpu' as const) : ('networkIn' as const),
          query: {
            Id: `q${r * 2 + m}`,
            MetricStat: {
              Metric: {
                Namespace: 'AWS/EC2',
                MetricName: metricName,
                Dimensions: [{ Name: 'InstanceId', Value: resource.id }],
              },
              Period: 60,
              Stat: m === 0 ? 'Average' : 'Sum',
            },
            ReturnData: true,
          },
        })),
      );
      const end = new Date(Math.floor(Date.now() / 60_000) * 60_000);
      // Six queries of 14 days of minutes: more than one response holds.
      const range = { start: new Date(end.getTime() - 14 * DAY_MS), end, periodSeconds: 60 };
      expect(queries.length * 14 * 1440).toBeGreaterThan(MAX_DATAPOINTS);
      const read = async (batch: PlannedQuery[]) => {
        let pages = 0;
        const out: MetricSeries[] = [];
        const counter = { onPage: () => void (pages += 1) };
        for await (const series of fetchCall(
          client,
          batch,
          range,
          counter,
          new AbortController().signal,
        ))
          out.push(series);
        return { out, pages };
      };
      const together = await read(queries);
      expect(together.pages).toBe(2);
      expect(together.out.map((s) => `${s.uid} ${s.metric}`).sort()).toEqual(
        queries.map((q) => `${q.uid} ${q.metric}`).sort(),
      );
      for (const planned of queries) {
        const alone = await read([planned]);
        expect(alone.pages).toBe(1);
        const joined = together.out.find(
          (s) => s.uid === planned.uid && s.metric === planned.metric,
        );
        expect(joined).toEqual(alone.out[0]);
        expect(joined?.timestamps.length).toBeGreaterThan(14 * 1440 - 2);
      }
    } finally {
      client.destroy();
    }
  });

  it('stops when the caller aborts, with the abort reason', async () => {
    const controller = new AbortController();
    const reason = new Error('no longer needed');
    const request = {
      refs: longRunning('ec2.instance', 'running').map(refOf),
      metrics: ['cpu' as const],
      start: new Date(Date.now() - DAY_MS),
      end: new Date(),
      periodSeconds: 60,
    };
    const reading = (async () => {
      for await (const _ of connection.metrics!.fetch(scope, request, {
        signal: controller.signal,
      })) {
        controller.abort(reason);
      }
    })();
    await expect(reading).rejects.toBe(reason);
  });

  it('maps CloudWatch throttling to a retryable error', async () => {
    sandbox.setFaults('monitoring.throttle=1');
    try {
      const reading = (async () => {
        for await (const _ of connection.metrics!.fetch(scope, {
          refs: longRunning('ec2.instance', 'running').slice(0, 1).map(refOf),
          metrics: ['cpu'],
          start: new Date(Date.now() - 3_600_000),
          end: new Date(),
          periodSeconds: 300,
        }));
      })();
      const error = await reading.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CcxError);
      expect(error).toMatchObject({ code: 'unavailable', retryable: true });
    } finally {
      sandbox.setFaults('');
    }
  }, 60_000);
});
