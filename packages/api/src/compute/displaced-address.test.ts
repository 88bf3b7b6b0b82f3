import { makeResource, type Resource } from '@ccx/core';
import { openStore, type Store } from '@ccx/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeDisplacedAddresses } from './displaced-address';

const scope = { provider: 'aws' as const, account: '111122223333', region: 'us-east-1' };
const OTHERS = 1200;

const address = (id: string, instanceId: string | null): Resource =>
  makeResource({
    ...scope,
    type: 'ec2.address',
    id,
    name: null,
    state: instanceId ? 'in-use' : 'available',
    tags: {},
    createdAt: null,
    attributes: {
      allocationId: id,
      instanceId,
      associationId: instanceId ? `eipassoc-${id}` : null,
    },
  });

let store: Store;

beforeAll(async () => {
  store = await openStore({ url: ':memory:' });
  await store.migrate();
});
afterAll(async () => {
  await store.close();
});

describe('freeDisplacedAddresses', () => {
  it('frees the address EC2 moved aside however many other addresses the region holds', async () => {
    const others = Array.from({ length: OTHERS }, (_, i) =>
      address(`eipalloc-a${String(i).padStart(5, '0')}`, `i-other${i}`),
    );
    const associated = address('eipalloc-znew', 'i-0target');
    const displaced = address('eipalloc-zold', 'i-0target');
    await store.resources.applyBatch({
      scope: { connection: 'lab', ...scope },
      type: 'ec2.address',
      runId: 'seed',
      resources: [...others, associated, displaced],
    });

    expect(await freeDisplacedAddresses(store, associated, 'i-0target')).toBeNull();

    const { items } = await store.resources.query({
      type: ['ec2.address'],
      attributes: { instanceId: 'i-0target' },
      offset: 0,
      limit: 10,
    });
    expect(items.map((a) => a.id)).toEqual(['eipalloc-znew']);
    const freed = await store.resources.get(displaced.uid);
    expect(freed?.state).toBe('available');
    expect(freed?.attributes['associationId']).toBeNull();
    const untouched = await store.resources.get(others[0]!.uid);
    expect(untouched?.attributes['instanceId']).toBe('i-other0');
  });

  it('returns a store that cannot free the moved address instead of throwing', async () => {
    const associated = address('eipalloc-ynew', 'i-0locked');
    const displaced = address('eipalloc-yold', 'i-0locked');
    await store.resources.applyBatch({
      scope: { connection: 'lab', ...scope },
      type: 'ec2.address',
      runId: 'seed-locked',
      resources: [associated, displaced],
    });
    const locked = new Error('database is locked');
    const resources = store.resources;
    const refreshLive = resources.refreshLive.bind(resources);
    resources.refreshLive = (uid, live) =>
      uid === displaced.uid ? Promise.reject(locked) : refreshLive(uid, live);
    let failure;
    try {
      failure = await freeDisplacedAddresses(store, associated, 'i-0locked');
    } finally {
      resources.refreshLive = refreshLive;
    }

    expect(failure).toEqual({ instanceId: 'i-0locked', error: locked });
    expect((await store.resources.get(displaced.uid))?.state).toBe('in-use');
  });
});
