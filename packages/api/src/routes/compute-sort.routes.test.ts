import { makeResource, type Resource } from '@ccx/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listCompute } from '../compute/list-entries';
import { computeListQuerySchema } from '../contract';
import { createHarness, type Caller, type Harness } from '../testing/harness';

let h: Harness;
let vera: Caller;
beforeEach(async () => {
  h = await createHarness();
  await h.addUser('vera', 'viewer');
  vera = await h.login('vera');
});
afterEach(async () => {
  await h.close();
});

interface Page {
  items: { name: string; size: string | null; findings: { monthlySaving: number | null } }[];
  total: number;
}

const get = async (query: string): Promise<Page> => {
  const response = await h.request(`/api/compute?${query}`, { as: vera });
  expect(response.status, query).toBe(200);
  return (await response.json()) as Page;
};
const names = async (query: string): Promise<string[]> =>
  (await get(query)).items.map((item) => item.name);

/** Every page of `query` at `pageSize`, joined: what a user paging through would see. */
async function paged(query: string, pageSize: number): Promise<string[]> {
  const all: string[] = [];
  for (let page = 1; ; page++) {
    const result = await get(`${query}&pageSize=${pageSize}&page=${page}`);
    all.push(...result.items.map((item) => item.name));
    if (result.items.length < pageSize) return all;
  }
}

const account = '111111111111';
function machine(
  id: string,
  name: string,
  size: string | undefined,
  extra: { region?: string; state?: string; type?: string } = {},
): Resource {
  return makeResource({
    provider: 'aws',
    account,
    region: extra.region ?? 'us-east-1',
    type: extra.type ?? 'ec2.instance',
    id,
    name,
    state: extra.state ?? 'running',
    tags: {},
    createdAt: null,
    attributes: size === undefined ? {} : { instanceType: size },
  });
}

async function seed(resources: Resource[]): Promise<void> {
  for (const resource of resources)
    await h.store.resources.applyBatch({
      scope: { connection: 'lab', provider: 'aws', account, region: resource.region },
      type: resource.type,
      runId: 'seed',
      resources: [resource],
    });
}

async function saving(resource: Resource, amount: number | null): Promise<void> {
  await h.store.findings.replaceForResource({
    kind: 'compute.rightsizing',
    resourceUid: resource.uid,
    findings: [
      {
        subject: 'size',
        severity: 'medium',
        title: 'Downsize',
        evidence: {},
        estimatedMonthlyImpact: amount === null ? null : { amount, currency: 'USD' },
      },
    ],
  });
}

describe('GET /api/compute?sort=size across pages', () => {
  // Stored in an order unrelated to names or sizes, so neither can come from insertion order.
  const rows = [
    machine('i-9', 'kilo', 'm5.large'),
    machine('i-1', 'echo', undefined),
    machine('i-5', 'alpha', 'm5.large'),
    machine('i-3', 'golf', 'm5.2xlarge'),
    machine('i-7', 'delta', 'x9.mystery'),
    machine('i-2', 'juliet', 't3.micro'),
    machine('i-8', 'bravo', 'a1.unknown'),
    machine('i-4', 'hotel', 'm5.large', { region: 'eu-west-1' }),
    machine('i-6', 'india', 'm5.xlarge', { state: 'stopped' }),
    machine('svc', 'charlie', 'm5.large', { type: 'ecs.service' }),
    machine('i-0', 'foxtrot', 't3.micro'),
  ];
  const unmeasured = ['bravo', 'delta', 'charlie', 'echo'];

  it('continues each page where the last stopped, with ties by name and unmeasured rows last', async () => {
    await seed(rows);
    const ascending = ['foxtrot', 'juliet', 'alpha', 'hotel', 'kilo', 'india', 'golf'];
    expect(await names('sort=size&pageSize=50')).toEqual([...ascending, ...unmeasured]);
    expect(await paged('sort=size', 3)).toEqual([...ascending, ...unmeasured]);
    const third = await get('sort=size&pageSize=3&page=3');
    expect(third.items.map((item) => item.name)).toEqual(['golf', 'bravo', 'delta']);
    expect(third.total).toBe(11);
    expect(third.items.map((item) => item.size)).toEqual([
      'm5.2xlarge',
      'a1.unknown',
      'x9.mystery',
    ]);
    // Descending flips the measured sizes; equal sizes stay in name order, the rest stay last.
    const descending = ['golf', 'india', 'alpha', 'hotel', 'kilo', 'foxtrot', 'juliet'];
    expect(await paged('sort=size&order=desc', 4)).toEqual([...descending, ...unmeasured]);
    expect(await names('sort=size&pageSize=4&page=4')).toEqual([]);
  });

  it('sorts only the rows the filter matches, and counts them', async () => {
    await seed(rows);
    const filtered = await get('sort=size&region=us-east-1&state=running&q=l&pageSize=2&page=2');
    // Matching: juliet, alpha, kilo, golf, delta, charlie; not hotel (region) nor india (state).
    expect(filtered.total).toBe(6);
    expect(filtered.items.map((item) => item.name)).toEqual(['kilo', 'golf']);
    expect(await names('sort=size&type=ecs.service')).toEqual(['charlie']);
    expect(await names('sort=size&type=ec2.instance&state=stopped')).toEqual(['india']);
  });
});

describe('GET /api/compute?sort=saving across pages', () => {
  it('orders by summed saving with ties by name, none at all last, in both directions', async () => {
    const echo = machine('i-1', 'echo', 't3.micro');
    const alpha = machine('i-2', 'alpha', 't3.micro');
    const delta = machine('i-3', 'delta', 't3.micro');
    const bravo = machine('i-4', 'bravo', 't3.micro');
    const charlie = machine('i-6', 'charlie', 't3.micro', { region: 'eu-west-1' });
    const golf = machine('i-7', 'golf', 't3.micro');
    await seed([echo, alpha, delta, bravo, machine('i-5', 'foxtrot', 't3.micro'), charlie, golf]);
    await saving(echo, 30);
    await saving(alpha, 10);
    await saving(delta, 30);
    await saving(bravo, null);
    await saving(charlie, 50);
    // A second kind of finding adds to the same resource's saving.
    await h.store.findings.replaceForResource({
      kind: 'compute.idle',
      resourceUid: golf.uid,
      findings: [
        {
          subject: 'idle',
          severity: 'low',
          title: 'Idle',
          evidence: {},
          estimatedMonthlyImpact: { amount: 15, currency: 'USD' },
        },
      ],
    });
    await saving(golf, 5);

    // bravo's finding has no amount: a saving of 0, still before rows without findings.
    const ascending = ['bravo', 'alpha', 'golf', 'delta', 'echo', 'charlie', 'foxtrot'];
    expect(await paged('sort=saving', 2)).toEqual(ascending);
    const descending = ['charlie', 'delta', 'echo', 'golf', 'alpha', 'bravo', 'foxtrot'];
    expect(await paged('sort=saving&order=desc', 3)).toEqual(descending);
    const first = await get('sort=saving&order=desc&pageSize=3');
    expect(first.items.map((item) => item.findings.monthlySaving)).toEqual([50, 30, 30]);
    expect(await names('sort=saving&order=desc&region=us-east-1&pageSize=2&page=2')).toEqual([
      'golf',
      'alpha',
    ]);
  });
});

describe('the limit of a sort by size or saving', () => {
  it('refuses a match larger than the limit and says how to narrow it', async () => {
    await seed([
      machine('i-1', 'alpha', 't3.micro'),
      machine('i-2', 'bravo', 'm5.large'),
      machine('i-3', 'charlie', undefined),
      machine('i-4', 'delta', 't3.micro', { region: 'eu-west-1' }),
    ]);
    const deps = {
      store: h.store,
      connections: new Map(),
      isBusy: () => false,
      now: () => new Date(),
      maxInMemorySort: 3,
    };
    const list = (query: Record<string, string>) =>
      listCompute(deps, computeListQuerySchema.parse(query), 'viewer');
    for (const sort of ['size', 'saving'])
      await expect(list({ sort })).rejects.toMatchObject({
        code: 'invalid_input',
        message: `Sorting by ${sort} covers at most 3 resources and 4 match: narrow the filter, or sort by name, state, type or region`,
      });
    const narrowed = await list({ sort: 'size', order: 'desc', region: 'us-east-1' });
    expect(narrowed.total).toBe(3);
    expect(narrowed.items.map((item) => item.name)).toEqual(['bravo', 'alpha', 'charlie']);
    // Sorts the store does itself have no such limit.
    expect((await list({ sort: 'name' })).total).toBe(4);
    // Through the API, the default limit covers far more than this.
    expect((await get('sort=size')).total).toBe(4);
  });
});
