import { describe, expect, it } from 'vitest';
import { resourceIn, scopeOf } from '../testing/fixtures';
import { useStore } from '../testing/use-store';
import type { ScopeRef, Store } from '../types';

const east = scopeOf();
const west = scopeOf({ region: 'us-west-2' });
const azure: ScopeRef = {
  connection: 'az',
  provider: 'azure',
  account: 'sub-1',
  region: 'westeurope',
};
const SIZES = { 'ec2.instance': 'instanceType', 'azure.vm': 'vmSize' };

const ec2 = (id: string, name: string | null, attributes: Record<string, unknown>) =>
  resourceIn(east, id, { name, attributes });
const instances = [
  ec2('i-1', 'web', { instanceType: 'm5.large' }),
  ec2('i-2', 'api', { instanceType: 't3.micro', vmSize: 'ignored' }),
  ec2('i-3', null, { instanceType: 'c5.xlarge' }),
  ec2('i-4', 'web', { instanceType: 7 }),
  ec2('i-5', 'Batch', { instanceType: { name: 'm5.large' } }),
  ec2('i-6', 'db', { instanceType: '' }),
  ec2('i-7', 'cache', {}),
  ec2('i-8', 'queue', { instanceType: ['m5.large'] }),
];
const gone = ec2('i-gone', 'old', { instanceType: 'm5.large' });
const service = resourceIn(west, 'svc-1', {
  type: 'ecs.service',
  name: 'api',
  attributes: { instanceType: 'm5.large' },
});
const vm = resourceIn(azure, '/vms/vm1', {
  type: 'azure.vm',
  name: 'web',
  attributes: { vmSize: 'Standard_B1s' },
});

/** Instances with sizes of every shape, one deleted, a service and an Azure VM. */
async function seed(store: Store): Promise<void> {
  const repo = store.resources;
  const type = 'ec2.instance';
  await repo.applyBatch({ scope: east, type, runId: 'r1', resources: [...instances, gone] });
  await repo.applyBatch({ scope: east, type, runId: 'r2', resources: instances });
  await repo.completeListing({ scope: east, type, runId: 'r2' });
  await repo.applyBatch({ scope: west, type: 'ecs.service', runId: 'r1', resources: [service] });
  await repo.applyBatch({ scope: azure, type: 'azure.vm', runId: 'r1', resources: [vm] });
}

const uid = (id: string): string => {
  const found = [...instances, gone].find((resource) => resource.id === id);
  if (!found) throw new Error(`no instance ${id}`);
  return found.uid;
};
const key = (id: string, name: string | null, value: string | null) => ({
  uid: uid(id),
  name,
  provider: 'aws',
  type: 'ec2.instance',
  value,
});

/** The narrow projection that sorts by size or saving, and fetching a page back by uid. */
export function describeSortKeysContract(open: () => Promise<Store>): void {
  describe('resource sort keys', () => {
    const store = useStore(open);

    it('projects uid, name, provider, type and the type’s own string attribute, in name order', async () => {
      await seed(store());
      const keys = await store().resources.sortKeys({}, { attributeByType: SIZES });
      // Name ascending with nulls last, ties by uid; deleted rows left out.
      expect(keys).toEqual([
        key('i-5', 'Batch', null),
        key('i-2', 'api', 't3.micro'),
        { uid: service.uid, name: 'api', provider: 'aws', type: 'ecs.service', value: null },
        key('i-7', 'cache', null),
        key('i-6', 'db', null),
        key('i-8', 'queue', null),
        key('i-1', 'web', 'm5.large'),
        key('i-4', 'web', null),
        { uid: vm.uid, name: 'web', provider: 'azure', type: 'azure.vm', value: 'Standard_B1s' },
        key('i-3', null, 'c5.xlarge'),
      ]);
    });

    it('applies the whole filter, and has no value without an attribute to read', async () => {
      await seed(store());
      const keys = await store().resources.sortKeys(
        { type: ['ec2.instance', 'azure.vm'], q: 'WE', includeDeleted: true },
        { attributeByType: { 'azure.vm': 'vmSize' } },
      );
      expect(keys.map((row) => [row.uid, row.value])).toEqual([
        [uid('i-1'), null],
        [uid('i-4'), null],
        [vm.uid, 'Standard_B1s'],
      ]);
      const plain = await store().resources.sortKeys({ region: ['us-east-1'] });
      expect(plain.map((row) => row.value)).toEqual(Array(8).fill(null));
      expect(await store().resources.sortKeys({ state: ['nope'] })).toEqual([]);
      const withDeleted = await store().resources.sortKeys({ includeDeleted: true, q: 'old' });
      expect(withDeleted.map((row) => row.uid)).toEqual([gone.uid]);
    });

    it('refuses attribute names that are not identifiers', async () => {
      for (const key of ['instanceType.name', '$', "a') or 1=1 --", ''])
        await expect(
          store().resources.sortKeys({}, { attributeByType: { 'ec2.instance': key } }),
        ).rejects.toMatchObject({ code: 'invalid_input' });
    });

    it('fetches rows by uid within the rest of the filter', async () => {
      await seed(store());
      const page = { offset: 0, limit: 50, sort: { field: 'id', dir: 'asc' } } as const;
      const byUid = async (uids: string[], region?: string[]) =>
        (await store().resources.query({ ...page, uid: uids, region })).items.map(
          (item) => item.id,
        );
      expect(await byUid([uid('i-3'), uid('i-1'), gone.uid, 'aws/none'])).toEqual(['i-1', 'i-3']);
      expect(await byUid([uid('i-3'), service.uid], ['us-west-2'])).toEqual(['svc-1']);
      expect(await byUid([])).toEqual([]);
      await expect(
        store().resources.query({ ...page, uid: Array.from({ length: 1001 }, (_, i) => `u${i}`) }),
      ).rejects.toMatchObject({ code: 'invalid_input' });
    });
  });
}
