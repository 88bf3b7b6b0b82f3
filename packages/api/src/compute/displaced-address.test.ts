import { makeResource, type Resource } from '@ccx/core';
import { openStore, type Store } from '@ccx/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearDisplacedAddresses } from './displaced-address';

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

describe('clearDisplacedAddresses', () => {
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

    await clearDisplacedAddresses(store, associated, 'i-0target');

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
});
