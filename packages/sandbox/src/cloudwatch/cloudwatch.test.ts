import {
  CloudWatchClient,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  paginateListMetrics,
  type GetMetricDataCommandOutput,
  type MetricDataQuery,
  type Metric,
} from '@aws-sdk/client-cloudwatch';
import { DescribeInstancesCommand, type EC2Client, type Instance } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../handle';
import { startSandbox } from '../start-sandbox';
import { ec2For, type TestCredentials } from '../testing/sdk-clients';
import { tempStateDir } from '../testing/temp-dir';

const DAY = 86_400;
let sandbox: SandboxHandle;
let cloudwatch: CloudWatchClient;
let ec2: EC2Client;
let instances: Instance[];
const nowSec = () => Math.floor(Date.now() / 1000);

function cloudwatchFor(credentials: TestCredentials, maxAttempts = 1): CloudWatchClient {
  const { accessKeyId, secretAccessKey } = credentials;
  return new CloudWatchClient({
    region: 'us-east-1',
    endpoint: sandbox.url,
    credentials: { accessKeyId, secretAccessKey },
    maxAttempts,
  });
}

beforeAll(async () => {
  sandbox = await startSandbox({
    stateDir: tempStateDir('cloudwatch'),
    transitionMs: 0,
    // Enough instances in one account × region that ListMetrics needs a second page.
    estate: { accounts: 2, regions: ['us-east-1', 'eu-west-1'], instancesPerRegion: 120 },
    s3Scale: 0,
    gcsScale: 0,
  });
  cloudwatch = cloudwatchFor(sandbox.accounts[0]!);
  ec2 = ec2For(sandbox, sandbox.accounts[0]!, 'us-east-1');
  const out = await ec2.send(new DescribeInstancesCommand({ MaxResults: 1000 }));
  instances = out.Reservations!.flatMap((r) => r.Instances ?? []);
});
afterAll(async () => {
  cloudwatch.destroy();
  ec2.destroy();
  await sandbox.stop();
});

function runningSince(days: number): Instance[] {
  return instances.filter(
    (i) => i.State?.Name === 'running' && i.LaunchTime!.getTime() / 1000 < nowSec() - days * DAY,
  );
}

function cpuQuery(id: string, instanceId: string, period: number, stat = 'Average') {
  return {
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/EC2',
        MetricName: 'CPUUtilization',
        Dimensions: [{ Name: 'InstanceId', Value: instanceId }],
      },
      Period: period,
      Stat: stat,
    },
  } satisfies MetricDataQuery;
}

/** Runs GetMetricData to the end, merging each query's points across pages. */
async function allPages(
  input: ConstructorParameters<typeof GetMetricDataCommand>[0],
  client = cloudwatch,
): Promise<{ pages: GetMetricDataCommandOutput[]; series: Map<string, [number[], number[]]> }> {
  const pages: GetMetricDataCommandOutput[] = [];
  const series = new Map<string, [number[], number[]]>();
  let NextToken: string | undefined;
  do {
    const page = await client.send(new GetMetricDataCommand({ ...input, NextToken }));
    pages.push(page);
    for (const result of page.MetricDataResults ?? []) {
      const [times, values] = series.get(result.Id!) ?? [[], []];
      times.push(...result.Timestamps!.map((t) => t.getTime() / 1000));
      values.push(...result.Values!);
      series.set(result.Id!, [times, values]);
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return { pages, series };
}

describe('CloudWatch GetMetricData through the official SDK', () => {
  it('returns each instance its own hourly CPU, newest first by default, oldest first when asked', async () => {
    const picked = runningSince(3).slice(0, 3);
    expect(picked).toHaveLength(3);
    const end = Math.floor(nowSec() / 3600) * 3600;
    const input = {
      MetricDataQueries: picked.flatMap((instance, i) => [
        cpuQuery(`avg${i}`, instance.InstanceId!, 3600),
        cpuQuery(`max${i}`, instance.InstanceId!, 3600, 'Maximum'),
      ]),
      StartTime: new Date((end - 2 * DAY) * 1000),
      EndTime: new Date(end * 1000),
    };
    const descending = await cloudwatch.send(new GetMetricDataCommand(input));
    expect(descending.NextToken).toBeUndefined();
    const results = descending.MetricDataResults!;
    expect(results.map((r) => r.Id)).toEqual(['avg0', 'max0', 'avg1', 'max1', 'avg2', 'max2']);
    for (const result of results) {
      expect(result.StatusCode).toBe('Complete');
      expect(result.Label).toBe('CPUUtilization');
      const times = result.Timestamps!.map((t) => t.getTime() / 1000);
      expect(times).toHaveLength(48);
      expect(times[0]).toBe(end - 3600);
      expect(times.at(-1)).toBe(end - 2 * DAY);
      for (const v of result.Values!) expect(v).toBeGreaterThanOrEqual(0);
      for (const v of result.Values!) expect(v).toBeLessThanOrEqual(100);
    }
    for (let i = 0; i < 3; i++) {
      const avg = results[2 * i]!.Values!;
      const max = results[2 * i + 1]!.Values!;
      avg.forEach((value, k) => expect(max[k]).toBeGreaterThanOrEqual(value));
    }
    expect(results[0]!.Values).not.toEqual(results[2]!.Values);

    const ascending = await cloudwatch.send(
      new GetMetricDataCommand({ ...input, ScanBy: 'TimestampAscending' }),
    );
    const first = ascending.MetricDataResults![0]!;
    expect(first.Timestamps!.map((t) => t.getTime())).toEqual(
      results[0]!.Timestamps!.map((t) => t.getTime()).reverse(),
    );
    expect(first.Values).toEqual([...results[0]!.Values!].reverse());
  });

  it('agrees with itself across periods: an hour is the mean of its 5-minute averages', async () => {
    const [instance] = runningSince(2);
    const hour = Math.floor(nowSec() / 3600) * 3600 - 5 * 3600;
    const out = await cloudwatch.send(
      new GetMetricDataCommand({
        MetricDataQueries: [
          cpuQuery('hour', instance!.InstanceId!, 3600),
          cpuQuery('fives', instance!.InstanceId!, 300),
        ],
        StartTime: new Date(hour * 1000),
        EndTime: new Date((hour + 3600) * 1000),
      }),
    );
    const [hourly, fives] = out.MetricDataResults!;
    expect(fives!.Values).toHaveLength(12);
    const mean = fives!.Values!.reduce((a, b) => a + b, 0) / 12;
    expect(mean).toBeCloseTo(hourly!.Values![0]!, 6);
  });

  it('pages at 100,800 datapoints and resumes mid-query, every point exactly once', async () => {
    const [instance] = runningSince(10);
    const end = Math.floor(nowSec() / 60) * 60 - 3600;
    const start = end - 9 * DAY; // 12,960 one-minute points per query
    const metrics = ['CPUUtilization', 'NetworkIn', 'NetworkOut', 'EBSReadBytes', 'EBSWriteBytes'];
    const queries = metrics.flatMap((name, m) =>
      ['Average', 'Maximum'].map((stat, s) => ({
        Id: `q${m}_${s}`,
        MetricStat: {
          Metric: {
            Namespace: 'AWS/EC2',
            MetricName: name,
            Dimensions: [{ Name: 'InstanceId', Value: instance!.InstanceId! }],
          },
          Period: 60,
          Stat: stat,
        },
      })),
    );
    const { pages, series } = await allPages({
      MetricDataQueries: queries,
      StartTime: new Date(start * 1000),
      EndTime: new Date(end * 1000),
      ScanBy: 'TimestampAscending',
    });
    const counts = pages.map((page) =>
      page.MetricDataResults!.reduce((sum, r) => sum + r.Values!.length, 0),
    );
    expect(counts).toEqual([100_800, 28_800]);
    // The boundary falls inside the eighth query (7 × 12,960 = 90,720 < 100,800).
    const boundary = pages[0]!.MetricDataResults![7]!;
    expect(boundary.StatusCode).toBe('PartialData');
    expect(boundary.Values).toHaveLength(100_800 - 7 * 12_960);
    expect(pages[1]!.MetricDataResults![7]!.StatusCode).toBe('Complete');
    for (const [times] of series.values()) {
      expect(times).toHaveLength(12_960);
      expect(new Set(times).size).toBe(12_960);
      expect(times[0]).toBe(start);
      expect(times.every((t, i) => i === 0 || t === times[i - 1]! + 60)).toBe(true);
    }
  });

  it('honours MaxDatapoints as the page size', async () => {
    const [instance] = runningSince(2);
    const end = Math.floor(nowSec() / 300) * 300 - 600;
    const { pages, series } = await allPages({
      MetricDataQueries: [cpuQuery('cpu', instance!.InstanceId!, 300)],
      StartTime: new Date((end - DAY) * 1000),
      EndTime: new Date(end * 1000),
      MaxDatapoints: 100,
    });
    expect(pages.map((p) => p.MetricDataResults![0]!.Values!.length)).toEqual([100, 100, 88]);
    expect(series.get('cpu')![0]).toHaveLength(288);
  });

  it('refuses more than 500 queries, bad ids and a forged NextToken', async () => {
    const [instance] = runningSince(1);
    const range = { StartTime: new Date((nowSec() - 3600) * 1000), EndTime: new Date() };
    const tooMany = Array.from({ length: 501 }, (_, i) =>
      cpuQuery(`q${i}`, instance!.InstanceId!, 300),
    );
    await expect(
      cloudwatch.send(new GetMetricDataCommand({ MetricDataQueries: tooMany, ...range })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      Code: 'ValidationError',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      cloudwatch.send(
        new GetMetricDataCommand({
          MetricDataQueries: [cpuQuery('Upper', instance!.InstanceId!, 300)],
          ...range,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      cloudwatch.send(
        new GetMetricDataCommand({
          MetricDataQueries: [cpuQuery('ok', instance!.InstanceId!, 300)],
          ...range,
          NextToken: 'eyJxdWVyeSI6MH0',
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidNextToken' });
  });

  it('has no data for unknown ids, other accounts, before launch, after a stop, or past retention', async () => {
    const now = nowSec();
    const other = cloudwatchFor(sandbox.accounts[1]!);
    const young = instances.find(
      (i) => i.State?.Name === 'running' && i.LaunchTime!.getTime() / 1000 > now - 20 * DAY,
    );
    const stopped = instances.find((i) => i.State?.Name === 'stopped');
    const old = runningSince(30)[0]!;
    const stoppedAt =
      Date.parse(/\((.*) GMT\)/.exec(stopped!.StateTransitionReason!)![1]! + 'Z') / 1000;
    const range = { StartTime: new Date((now - 30 * DAY) * 1000), EndTime: new Date(now * 1000) };
    const out = await cloudwatch.send(
      new GetMetricDataCommand({
        MetricDataQueries: [
          cpuQuery('unknown', 'i-0123456789abcdef0', 3600),
          cpuQuery('young', young!.InstanceId!, 3600),
          cpuQuery('stopped', stopped!.InstanceId!, 3600),
          cpuQuery('minutes', old.InstanceId!, 60),
          cpuQuery('fives', old.InstanceId!, 300),
        ],
        ...range,
      }),
    );
    const byId = new Map(out.MetricDataResults!.map((r) => [r.Id, r]));
    expect(byId.get('unknown')).toMatchObject({ StatusCode: 'Complete', Values: [] });
    const launch = young!.LaunchTime!.getTime() / 1000;
    const youngTimes = byId.get('young')!.Timestamps!.map((t) => t.getTime() / 1000);
    expect(youngTimes.length).toBeGreaterThan(0);
    expect(Math.min(...youngTimes)).toBeGreaterThan(launch - 3600);
    const stoppedTimes = byId.get('stopped')!.Timestamps!.map((t) => t.getTime() / 1000);
    for (const t of stoppedTimes) expect(t).toBeLessThan(stoppedAt);
    // One-minute data is kept 15 days, five-minute data 63.
    const minutes = byId.get('minutes')!.Timestamps!.map((t) => t.getTime() / 1000);
    expect(Math.min(...minutes)).toBeGreaterThanOrEqual(now - 15 * DAY - 60);
    const fives = byId.get('fives')!.Timestamps!.map((t) => t.getTime() / 1000);
    expect(Math.min(...fives)).toBeLessThan(now - 29 * DAY);

    const fromOther = await other.send(
      new GetMetricDataCommand({
        MetricDataQueries: [cpuQuery('cpu', old.InstanceId!, 3600)],
        ...range,
      }),
    );
    expect(fromOther.MetricDataResults![0]!.Values).toEqual([]);
    other.destroy();
  });

  it('answers a bad signature, an unknown key and a throttle as CloudWatch does', async () => {
    const account = sandbox.accounts[0]!;
    const input = {
      MetricDataQueries: [cpuQuery('cpu', runningSince(1)[0]!.InstanceId!, 300)],
      StartTime: new Date((nowSec() - 3600) * 1000),
      EndTime: new Date(),
    };
    const badSecret = cloudwatchFor({ ...account, secretAccessKey: 'x'.repeat(40) });
    await expect(badSecret.send(new GetMetricDataCommand(input))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
    const unknown = cloudwatchFor({ accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' });
    await expect(unknown.send(new GetMetricDataCommand(input))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
    });
    // Throttling is retryable to the SDK: with two attempts allowed it sends the call twice.
    const retrying = cloudwatchFor(account, 2);
    sandbox.setFaults('monitoring.throttle=1');
    const before = sandbox.stats().byOperation['monitoring:GetMetricData'] ?? 0;
    try {
      await expect(retrying.send(new GetMetricDataCommand(input))).rejects.toMatchObject({
        name: 'Throttling',
        $metadata: { httpStatusCode: 400, attempts: 2 },
      });
    } finally {
      sandbox.setFaults('');
      retrying.destroy();
    }
    expect(sandbox.stats().byOperation['monitoring:GetMetricData']).toBe(before + 2);
    badSecret.destroy();
    unknown.destroy();
  });
});

describe('CloudWatch ListMetrics and GetMetricStatistics through the official SDK', () => {
  it('lists every metric of the account and region once, over pages, and filters by dimension', async () => {
    const listed: Metric[] = [];
    for await (const page of paginateListMetrics(
      { client: cloudwatch },
      { Namespace: 'AWS/EC2' },
    )) {
      expect(page.Metrics!.length).toBeLessThanOrEqual(500);
      listed.push(...page.Metrics!);
    }
    const keys = listed.map((m) => `${m.MetricName}/${m.Dimensions![0]!.Value}`);
    expect(new Set(keys).size).toBe(keys.length);
    const instanceIds = new Set(listed.map((m) => m.Dimensions![0]!.Value));
    for (const id of instanceIds) expect(instances.some((i) => i.InstanceId === id)).toBe(true);
    expect(listed.length).toBeGreaterThan(500);

    const one = instances[0]!.InstanceId!;
    const filtered: Metric[] = [];
    for await (const page of paginateListMetrics(
      { client: cloudwatch },
      { Dimensions: [{ Name: 'InstanceId', Value: one }] },
    )) {
      filtered.push(...page.Metrics!);
    }
    expect(filtered.map((m) => m.MetricName).sort()).toEqual([
      'CPUUtilization',
      'DiskReadBytes',
      'DiskWriteBytes',
      'EBSReadBytes',
      'EBSWriteBytes',
      'NetworkIn',
      'NetworkOut',
    ]);
  });

  it('reports ECS services under their cluster and service names', async () => {
    const services: Metric[] = [];
    for await (const page of paginateListMetrics(
      { client: cloudwatch },
      { Namespace: 'AWS/ECS', MetricName: 'CPUUtilization' },
    )) {
      services.push(...page.Metrics!);
    }
    expect(services.length).toBeGreaterThan(0);
    const dims = services[0]!.Dimensions!;
    expect(dims.map((d) => d.Name)).toEqual(['ClusterName', 'ServiceName']);
    const out = await cloudwatch.send(
      new GetMetricDataCommand({
        MetricDataQueries: ['CPUUtilization', 'MemoryUtilization'].map((name, i) => ({
          Id: `m${i}`,
          MetricStat: {
            Metric: { Namespace: 'AWS/ECS', MetricName: name, Dimensions: dims },
            Period: 300,
            Stat: 'Average',
          },
        })),
        StartTime: new Date((nowSec() - 6 * 3600) * 1000),
        EndTime: new Date(),
      }),
    );
    for (const result of out.MetricDataResults!) {
      expect(result.Values!.length).toBeGreaterThan(0);
      for (const v of result.Values!) expect(v).toBeGreaterThanOrEqual(0);
      for (const v of result.Values!) expect(v).toBeLessThanOrEqual(100);
    }
  });

  it('answers GetMetricStatistics with named and extended statistics, and refuses over 1,440 points', async () => {
    const instanceId = runningSince(2)[0]!.InstanceId!;
    const end = Math.floor(nowSec() / 3600) * 3600;
    const metric = {
      Namespace: 'AWS/EC2',
      MetricName: 'CPUUtilization',
      Dimensions: [{ Name: 'InstanceId', Value: instanceId }],
    };
    const out = await cloudwatch.send(
      new GetMetricStatisticsCommand({
        ...metric,
        StartTime: new Date((end - DAY) * 1000),
        EndTime: new Date(end * 1000),
        Period: 3600,
        Statistics: ['Average', 'Maximum', 'Minimum', 'SampleCount'],
        ExtendedStatistics: ['p99'],
      }),
    );
    expect(out.Label).toBe('CPUUtilization');
    expect(out.Datapoints).toHaveLength(24);
    for (const point of out.Datapoints!) {
      expect(point.Unit).toBe('Percent');
      expect(point.SampleCount).toBe(60);
      expect(point.Minimum!).toBeLessThanOrEqual(point.Average!);
      expect(point.Average!).toBeLessThanOrEqual(point.ExtendedStatistics!['p99']!);
      expect(point.ExtendedStatistics!['p99']!).toBeLessThanOrEqual(point.Maximum!);
    }
    await expect(
      cloudwatch.send(
        new GetMetricStatisticsCommand({
          ...metric,
          StartTime: new Date((end - 2 * DAY) * 1000),
          EndTime: new Date(end * 1000),
          Period: 60,
          Statistics: ['Average'],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterCombinationException' });
  });
});
