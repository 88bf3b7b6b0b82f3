import { resourceUid } from '@ccx/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from '../testing/harness';

let h: Harness;
let vera: Caller;
beforeAll(async () => {
  h = await createHarness();
  await h.addUser('vera', 'viewer');
  vera = await h.login('vera');
  for (let i = 0; i < 12; i += 1) {
    await h.seedInstance(`i-${String(i).padStart(2, '0')}`, i % 3 === 0 ? 'stopped' : 'running', {
      region: i % 2 === 0 ? 'us-east-1' : 'eu-west-1',
      tags: i < 4 ? { env: 'prod' } : { env: 'dev' },
    });
  }
});
afterAll(async () => {
  await h.close();
});

type Page = {
  items: { id: string; region: string; state: string }[];
  total: number;
  offset: number;
  limit: number;
};
const get = async (path: string) => {
  const response = await h.request(path, { as: vera });
  return {
    status: response.status,
    body: (await response.json()) as Page & {
      error: { code: string; details: { fields: { path: string }[] } };
    },
  };
};

describe('GET /api/resources', () => {
  it('pages with offset and limit and sorts descending', async () => {
    const { body } = await get('/api/resources?sort=-id&offset=2&limit=3');
    expect(body.total).toBe(12);
    expect(body.offset).toBe(2);
    expect(body.limit).toBe(3);
    expect(body.items.map((r) => r.id)).toEqual(['i-09', 'i-08', 'i-07']);
  });

  it('accepts repeated and comma-separated filters and tag conditions', async () => {
    const both = await get('/api/resources?region=us-east-1,eu-west-1&state=stopped');
    expect(both.body.total).toBe(4);
    const repeated = await get(
      '/api/resources?region=us-east-1&region=eu-west-1&state=stopped&state=running',
    );
    expect(repeated.body.total).toBe(12);
    const tagged = await get('/api/resources?tag=env:prod&region=us-east-1');
    expect(tagged.body.items.map((r) => r.id).sort()).toEqual(['i-00', 'i-02']);
    const hasKey = await get('/api/resources?tag=env');
    expect(hasKey.body.total).toBe(12);
  });

  it('rejects bad parameters with their paths', async () => {
    const { status, body } = await get(
      '/api/resources?limit=0&offset=-1&sort=colour&includeDeleted=maybe',
    );
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.details.fields.map((f) => f.path).sort()).toEqual([
      'query.includeDeleted',
      'query.limit',
      'query.offset',
      'query.sort',
    ]);
    expect((await get('/api/resources?limit=501')).status).toBe(400);
    expect((await get('/api/resources?limit=1.5')).status).toBe(400);
  });

  it('counts facets under the same filters', async () => {
    const response = await h.request('/api/resources/facets?state=stopped', { as: vera });
    const facets = (await response.json()) as Record<string, { value: string; count: number }[]>;
    // Each facet ignores its own condition, so the state facet still offers `running`.
    expect(facets['state']).toEqual([
      { value: 'running', count: 8 },
      { value: 'stopped', count: 4 },
    ]);
    expect(facets['region']?.map((f) => f.count)).toEqual([2, 2]);
  });
});

describe('GET /api/resources/{uid}', () => {
  it('finds a resource by its URL-encoded uid and lists the actions the caller may run', async () => {
    const uid = resourceUid({
      provider: 'aws',
      account: '111111111111',
      region: 'us-east-1',
      type: 'ec2.instance',
      id: 'i-00',
    });
    const viewer = await h.request(`/api/resources/${encodeURIComponent(uid)}`, { as: vera });
    expect(viewer.status).toBe(200);
    const body = (await viewer.json()) as { uid: string; actions: string[]; connection: string };
    expect(body.uid).toBe(uid);
    expect(body.connection).toBe('lab');
    expect(body.actions).toEqual([]);

    await h.addUser('olive', 'operator');
    const olive = await h.login('olive');
    const asOperator = (await (
      await h.request(`/api/resources/${encodeURIComponent(uid)}`, { as: olive })
    ).json()) as { actions: string[] };
    expect(asOperator.actions).toEqual(['compute.start', 'compute.resize']);
  });

  it('keeps an id containing a slash intact', async () => {
    const odd = await h.seedInstance('a/b', 'running');
    const response = await h.request(`/api/resources/${encodeURIComponent(odd.uid)}`, { as: vera });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { id: string }).id).toBe('a/b');
  });

  it('answers 404 for an unknown uid, and returns history newest first', async () => {
    expect(
      (await h.request(`/api/resources/${encodeURIComponent('aws/1/r/t/none')}`, { as: vera }))
        .status,
    ).toBe(404);
    const uid = resourceUid({
      provider: 'aws',
      account: '111111111111',
      region: 'us-east-1',
      type: 'ec2.instance',
      id: 'i-02',
    });
    const history = await h.request(`/api/resources/${encodeURIComponent(uid)}/history`, {
      as: vera,
    });
    const items = ((await history.json()) as { items: { kind: string }[] }).items;
    expect(items[0]?.kind).toBe('created');
  });
});
