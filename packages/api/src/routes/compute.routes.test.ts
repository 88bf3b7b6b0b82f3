import { makeResource, type MetricSeries, type Metrics, type ProviderConnection } from '@ccx/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from '../testing/harness';
import { settled } from '../testing/operations';

/** A connection whose metrics answer from a script, or fail. */
function metricsConnection(name: string, fetch: Metrics['fetch']): ProviderConnection {
  return {
    provider: 'aws',
    name,
    scopes: () => Promise.resolve([]),
    metrics: { types: ['ec2.instance'], metricsFor: () => ['cpu', 'networkIn'], fetch },
    close: () => Promise.resolve(),
  };
}

const nowSeconds = () => Math.floor(Date.now() / 3_600_000) * 3600;
const hourly = (uid: string, hours: number, value: (i: number) => number): MetricSeries => {
  const end = nowSeconds();
  const timestamps = Array.from({ length: hours }, (_, i) => end - (hours - i) * 3600);
  return {
    uid,
    metric: 'cpu',
    periodSeconds: 3600,
    timestamps,
    values: timestamps.map((_, i) => value(i)),
  };
};

let h: Harness;
let olive: Caller;
let vera: Caller;
const calls: string[] = [];
beforeEach(async () => {
  calls.length = 0;
  h = await createHarness({
    connections: [
      metricsConnection('live', async function* (_scope, request) {
        calls.push(`${request.periodSeconds}:${request.metrics.join(',')}`);
        await Promise.resolve();
        for (const ref of request.refs)
          yield {
            uid: `aws/111111111111/us-east-1/ec2.instance/${ref.id}`,
            metric: 'cpu',
            periodSeconds: request.periodSeconds,
            timestamps: [1, 2],
            values: [5, 7],
          };
      }),
      // eslint-disable-next-line require-yield -- it fails before its first point
      metricsConnection('broken', async function* () {
        await Promise.resolve();
        throw new Error('CloudWatch is down key=AKIAXXXX');
      }),
    ],
  });
  await h.addUser('olive', 'operator');
  await h.addUser('vera', 'viewer');
  olive = await h.login('olive');
  vera = await h.login('vera');
});
afterEach(async () => {
  await h.close();
});

const get = async <T>(path: string, as: Caller = vera): Promise<T> => {
  const response = await h.request(path, { as });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
};
const uidPath = (uid: string) => encodeURIComponent(uid);

interface Page {
  items: {
    uid: string;
    uri: string;
    name: string;
    size: string | null;
    sparkline: { values: number[] } | null;
    findings: { count: number; monthlySaving: number | null };
    actions: string[];
  }[];
  total: number;
  facets: Record<string, { value: string; count: number }[]>;
}

describe('GET /api/compute', () => {
  it('pages, filters, sorts by saving and adds sparklines, findings and actions', async () => {
    const a = await h.seedInstance('i-a', 'running');
    const b = await h.seedInstance('i-b', 'stopped');
    await h.seedInstance('i-c', 'running', { region: 'eu-west-1' });
    await h.store.findings.replaceForResource({
      kind: 'compute.rightsizing',
      resourceUid: b.uid,
      findings: [
        {
          subject: 'size',
          severity: 'medium',
          title: 'Downsize',
          evidence: {},
          estimatedMonthlyImpact: { amount: 42.5, currency: 'USD' },
        },
      ],
    });
    await h.store.metricSeries.merge({
      series: [hourly(a.uid, 24 * 10, (i) => i % 24)],
      keepAfter: nowSeconds() - 20 * 86_400,
    });

    const page = await get<Page>('/api/compute?sort=saving&order=desc&pageSize=2');
    expect(page.total).toBe(3);
    expect(page.items.map((i) => i.uid)).toEqual([b.uid, a.uid]);
    expect(page.items[0]).toMatchObject({
      uri: 'aws://111111111111/us-east-1/ec2.instance/i-b',
      size: 't3.micro',
      findings: { count: 1, monthlySaving: 42.5 },
      sparkline: null,
      actions: [],
    });
    // Seven days of the ten stored (the hour in progress has no point yet).
    expect(page.items[1]!.sparkline!.values.length).toBeGreaterThanOrEqual(7 * 24 - 1);
    expect(page.items[1]!.sparkline!.values.length).toBeLessThanOrEqual(7 * 24);
    expect(page.facets['region']).toEqual(
      expect.arrayContaining([{ value: 'eu-west-1', count: 1 }]),
    );

    const asOperator = await get<Page>('/api/compute?region=us-east-1&state=stopped', olive);
    expect(asOperator.items.map((i) => [i.uid, i.actions])).toEqual([
      [b.uid, ['compute.start', 'compute.resize']],
    ]);
    const second = await get<Page>('/api/compute?sort=name&order=asc&pageSize=2&page=2');
    expect(second.items.map((i) => i.name)).toEqual(['web-i-c']);
    expect((await h.request('/api/compute?type=s3.bucket', { as: vera })).status).toBe(400);
    expect((await h.request('/api/compute?pageSize=500', { as: vera })).status).toBe(400);
  });
});

describe('GET /api/compute?sort=size', () => {
  /** Rows of one type in one scope, each `[id, size attribute or undefined]`. */
  async function seedSized(
    provider: 'aws' | 'azure',
    type: string,
    sizeAttribute: string,
    rows: [string, string | undefined][],
    region = 'us-east-1',
  ) {
    const account = provider === 'aws' ? '111111111111' : 'sub-1';
    await h.store.resources.applyBatch({
      scope: { connection: 'lab', provider, account, region },
      type,
      runId: 'seed',
      resources: rows.map(([id, size]) =>
        makeResource({
          provider,
          account,
          region,
          type,
          id,
          name: id,
          state: 'running',
          tags: {},
          createdAt: null,
          attributes: size === undefined ? {} : { [sizeAttribute]: size },
        }),
      ),
    });
  }
  const names = async (query: string) =>
    (await get<Page>(`/api/compute?sort=size&${query}`)).items.map((item) => item.name);

  it('orders by vCPU, then memory, then size name; unknown sizes and services after', async () => {
    await seedSized('aws', 'ec2.instance', 'instanceType', [
      ['a-2xl', 'm5.2xlarge'],
      ['b-large', 'm5.large'],
      ['c-xl', 'm5.xlarge'],
      ['d-c5', 'c5.large'],
      ['e-m6i', 'm6i.large'],
      ['f-odd', 'x9.mystery'],
      ['g-micro', 't3.micro'],
      ['h-also-large', 'm5.large'],
      ['i-odd', 'a1.unknown'],
      ['j-nosize', undefined],
    ]);
    // A region the catalog does not price still has sizes of known capacity.
    await seedSized(
      'azure',
      'azure.vm',
      'vmSize',
      [
        ['k-vm', 'standard_d4s_v5'],
        ['l-vm', 'Standard_B1s'],
      ],
      'nowhere-1',
    );
    await seedSized('aws', 'ecs.service', 'instanceType', [['m-svc', 'm5.large']]);

    const known = ['l-vm', 'g-micro', 'd-c5', 'b-large', 'h-also-large', 'e-m6i', 'c-xl', 'k-vm'];
    const rest = ['i-odd', 'f-odd', 'j-nosize', 'm-svc'];
    expect(await names('pageSize=50')).toEqual([...known, 'a-2xl', ...rest]);
    // Descending flips the measured sizes only; resource names still break ties in order.
    expect(await names('order=desc&pageSize=50')).toEqual([
      'a-2xl',
      'k-vm',
      'c-xl',
      'e-m6i',
      'b-large',
      'h-also-large',
      'd-c5',
      'g-micro',
      'l-vm',
      ...rest,
    ]);
    expect(await names('pageSize=5&page=3')).toEqual(['f-odd', 'j-nosize', 'm-svc']);
  });
});

describe('GET /api/compute/{uid}', () => {
  it('shows findings, resize choices from the catalog and attached volumes', async () => {
    const instance = await h.seedInstance('i-d', 'running');
    await h.store.resources.applyBatch({
      scope: { connection: 'lab', provider: 'aws', account: '111111111111', region: 'us-east-1' },
      type: 'ec2.volume',
      runId: 'seed',
      resources: [
        {
          uid: 'aws/111111111111/us-east-1/ec2.volume/vol-1',
          provider: 'aws',
          account: '111111111111',
          region: 'us-east-1',
          type: 'ec2.volume',
          id: 'vol-1',
          name: null,
          state: 'in-use',
          tags: {},
          createdAt: null,
          attributes: { attachedInstanceId: 'i-d' },
        },
      ],
    });
    const detail = await get<{
      entry: { uid: string };
      sizes: { name: string; vcpu: number; hourlyPrice: number | null }[];
      related: { id: string }[];
    }>(`/api/compute/${uidPath(instance.uid)}`);
    expect(detail.entry.uid).toBe(instance.uid);
    expect(detail.related.map((r) => r.id)).toEqual(['vol-1']);
    const names = detail.sizes.map((s) => s.name);
    expect(names).toContain('t3.small');
    expect(names).toContain('t3.medium');
    expect(detail.sizes.every((s) => s.hourlyPrice !== null && s.vcpu > 0)).toBe(true);
    expect((await h.request('/api/compute/aws%2Fnone', { as: vera })).status).toBe(404);
  });
});

describe('GET /api/compute/{uid}/metrics', () => {
  it('fetches live at the range period, and falls back to the store when the provider fails', async () => {
    const live = await h.seedInstance('i-live', 'running', { connection: 'live' });
    const view = await get<{ source: string; periodSeconds: number; series: unknown[] }>(
      `/api/compute/${uidPath(live.uid)}/metrics?range=1h&metrics=cpu`,
    );
    expect(view).toMatchObject({
      source: 'provider',
      periodSeconds: 60,
      series: [
        { metric: 'cpu', label: 'CPU', unit: 'percent', timestamps: [1, 2], values: [5, 7] },
      ],
    });
    expect(calls).toEqual(['60:cpu']);

    const broken = await h.seedInstance('i-broken', 'running', { connection: 'broken' });
    await h.store.metricSeries.merge({
      series: [hourly(broken.uid, 48, () => 3)],
      keepAfter: nowSeconds() - 20 * 86_400,
    });
    const fallback = await get<{ source: string; series: { metric: string; values: number[] }[] }>(
      `/api/compute/${uidPath(broken.uid)}/metrics?range=24h`,
    );
    expect(fallback.source).toBe('store');
    expect(fallback.series.map((s) => s.metric)).toEqual(['cpu']);
    expect(fallback.series[0]!.values.length).toBeGreaterThanOrEqual(23);
    expect(fallback.series[0]!.values.length).toBeLessThanOrEqual(25);
    expect(h.logLines.join('')).not.toContain('AKIA');
    expect(
      (await h.request(`/api/compute/${uidPath(live.uid)}/metrics?metrics=cpu,bogus`, { as: vera }))
        .status,
    ).toBe(400);
  });
});

describe('POST /api/compute/actions', () => {
  it('starts the valid uids and lists the others with their reason', async () => {
    const running = await h.seedInstance('i-1', 'running');
    const stopped = await h.seedInstance('i-2', 'stopped');
    const response = await h.request('/api/compute/actions', {
      method: 'POST',
      as: olive,
      body: JSON.stringify({
        action: 'compute.stop',
        uids: [running.uid, stopped.uid, 'aws/1/r/ec2.instance/none'],
      }),
    });
    expect(response.status).toBe(202);
    const body = (await response.json()) as {
      operations: { id: string; target: string }[];
      rejected: { uid: string; code: string }[];
    };
    expect(body.operations.map((o) => o.target)).toEqual([running.uid]);
    expect(body.rejected).toEqual([
      expect.objectContaining({ uid: stopped.uid, code: 'conflict' }),
      expect.objectContaining({ uid: 'aws/1/r/ec2.instance/none', code: 'not_found' }),
    ]);
    expect((await settled(h, body.operations[0]!.id, olive)).status).toBe('succeeded');
    const { items } = await h.store.audit.list({ action: 'compute.stop', offset: 0, limit: 10 });
    expect(items.map((e) => e.target)).toEqual([running.uid, running.uid]);
  });

  it('refuses viewers, duplicates and more than 100 uids', async () => {
    const running = await h.seedInstance('i-3', 'running');
    const post = (body: unknown, as: Caller) =>
      h.request('/api/compute/actions', { method: 'POST', as, body: JSON.stringify(body) });
    expect((await post({ action: 'compute.stop', uids: [running.uid] }, vera)).status).toBe(403);
    expect(
      (await post({ action: 'compute.stop', uids: [running.uid, running.uid] }, olive)).status,
    ).toBe(400);
    const many = Array.from({ length: 101 }, (_, i) => `aws/1/r/ec2.instance/i-${i}`);
    expect((await post({ action: 'compute.stop', uids: many }, olive)).status).toBe(400);
    expect(h.compute.calls).toEqual([]);
  });
});
