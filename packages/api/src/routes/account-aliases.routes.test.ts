import { makeResource, resourceUid } from '@ccx/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from '../testing/harness';

/**
 * Aliases come from what sync runs recorded in the store (here written the way the sync
 * engine's sink writes them), never from the resources themselves.
 */
let h: Harness;
let vera: Caller;
const uid = resourceUid({
  provider: 'aws',
  account: '111111111111',
  region: 'us-east-1',
  type: 'ec2.instance',
  id: 'i-prod',
});

beforeAll(async () => {
  h = await createHarness();
  await h.addUser('vera', 'viewer');
  vera = await h.login('vera');
  await h.seedInstance('i-prod', 'running');
  const bare = makeResource({
    provider: 'aws',
    account: '222222222222',
    region: 'us-east-1',
    type: 'ec2.instance',
    id: 'i-bare',
    name: null,
    state: 'running',
    tags: {},
    createdAt: null,
    attributes: {},
  });
  await h.store.resources.applyBatch({
    scope: { connection: 'lab', provider: 'aws', account: bare.account, region: bare.region },
    type: 'ec2.instance',
    runId: 'seed',
    resources: [bare],
  });
  await h.store.resources.recordAccounts([
    { provider: 'aws', account: '111111111111', connection: 'lab', alias: 'prod' },
    // The same account through another connection, under another alias.
    { provider: 'aws', account: '111111111111', connection: 'audit', alias: 'production' },
    { provider: 'aws', account: '222222222222', connection: 'lab', alias: null },
  ]);
});
afterAll(async () => {
  await h.close();
});

const json = async (path: string): Promise<unknown> => {
  const response = await h.request(path, { as: vera });
  expect(response.status).toBe(200);
  return response.json();
};

describe('account aliases', () => {
  it("gives each listed resource its own connection's alias, or null", async () => {
    const page = (await json('/api/resources?sort=id')) as {
      items: { id: string; accountAlias: string | null }[];
    };
    expect(page.items.map(({ id, accountAlias }) => ({ id, accountAlias }))).toEqual([
      { id: 'i-bare', accountAlias: null },
      { id: 'i-prod', accountAlias: 'prod' },
    ]);
  });

  it('labels account facets with every alias of the account, and only where one exists', async () => {
    const facets = (await json('/api/resources/facets')) as { account: unknown[] };
    expect(facets.account).toEqual([
      { value: '111111111111', count: 1, label: 'prod, production' },
      { value: '222222222222', count: 1 },
    ]);
  });

  it('puts the alias on the resource page', async () => {
    const detail = (await json(`/api/resources/${encodeURIComponent(uid)}`)) as {
      accountAlias: string | null;
    };
    expect(detail.accountAlias).toBe('prod');
  });

  it("gives each compute entry its own connection's alias, on the list and the detail", async () => {
    type Entry = { id: string; accountAlias: string | null };
    const page = (await json('/api/compute')) as { items: Entry[] };
    const aliasById = Object.fromEntries(page.items.map((item) => [item.id, item.accountAlias]));
    expect(aliasById).toEqual({ 'i-bare': null, 'i-prod': 'prod' });
    const detail = (await json(`/api/compute/${encodeURIComponent(uid)}`)) as { entry: Entry };
    expect(detail.entry.accountAlias).toBe('prod');
  });

  it('lists the recorded accounts in /api/status', async () => {
    const status = (await json('/api/status')) as { accounts: unknown[] };
    expect(status.accounts).toEqual([
      { provider: 'aws', account: '111111111111', alias: 'production', connection: 'audit' },
      { provider: 'aws', account: '111111111111', alias: 'prod', connection: 'lab' },
      { provider: 'aws', account: '222222222222', alias: null, connection: 'lab' },
    ]);
  });
});
