import { describe, expect, it } from 'vitest';
import { minute, resourceIn, scopeOf } from '../testing/fixtures';
import { useStore } from '../testing/use-store';
import type { ResourceFilter, ScopeRef, Store } from '../types';

const east = scopeOf();
const west = scopeOf({ region: 'us-west-2' });
const other = scopeOf({ account: '222222222222' });
const gcp: ScopeRef = {
  connection: 'gcp',
  provider: 'gcp',
  account: 'proj-1',
  region: 'europe-west1',
};

/** Six resources across providers, accounts, regions, types and states, one deleted. */
async function seed(store: Store): Promise<void> {
  const repo = store.resources;
  const eastInstances = [
    resourceIn(east, 'i-alpha', {
      name: 'Web-1',
      tags: { env: 'prod', team: 'web' },
      createdAt: minute(3),
    }),
    resourceIn(east, 'i-beta', {
      name: null,
      state: 'stopped',
      tags: { env: 'dev' },
      createdAt: minute(1),
    }),
    resourceIn(east, 'i-gamma', { name: 'db_100%', tags: { owner: 'Data-Team' } }),
  ];
  const gone = resourceIn(east, 'i-gone', { name: 'old', tags: { env: 'prod' } });
  await repo.applyBatch({
    scope: east,
    type: 'ec2.instance',
    runId: 'r1',
    resources: [...eastInstances, gone],
  });
  await repo.applyBatch({
    scope: east,
    type: 'ec2.instance',
    runId: 'r2',
    resources: eastInstances,
  });
  await repo.completeListing({ scope: east, type: 'ec2.instance', runId: 'r2' });
  await repo.applyBatch({
    scope: west,
    type: 'ec2.instance',
    runId: 'r1',
    resources: [
      resourceIn(west, 'i-delta', { name: 'web-2', tags: { env: 'prod' }, createdAt: minute(2) }),
    ],
  });
  await repo.applyBatch({
    scope: other,
    type: 'ecs.service',
    runId: 'r1',
    resources: [resourceIn(other, 'svc-api', { type: 'ecs.service', name: 'api', state: null })],
  });
  await repo.applyBatch({
    scope: gcp,
    type: 'compute.instance',
    runId: 'r1',
    resources: [
      resourceIn(gcp, 'vm-1', { type: 'compute.instance', name: 'analytics', state: 'RUNNING' }),
    ],
  });
}

const ids = (result: { items: { id: string }[] }): string[] => result.items.map((item) => item.id);

/** Filters, sorting, paging, facets and counts. */
export function describeQueryContract(open: () => Promise<Store>): void {
  describe('resource queries', () => {
    const store = useStore(open);
    const query = async (filter: Parameters<Store['resources']['query']>[0]) =>
      store().resources.query(filter);
    const all = { offset: 0, limit: 50, sort: { field: 'id', dir: 'asc' } } as const;

    it('filters by every field, tags and q, and hides deleted rows unless asked', async () => {
      await seed(store());
      expect(ids(await query(all))).toEqual([
        'i-alpha',
        'i-beta',
        'i-delta',
        'i-gamma',
        'svc-api',
        'vm-1',
      ]);
      expect(ids(await query({ ...all, includeDeleted: true }))).toContain('i-gone');
      expect(ids(await query({ ...all, provider: ['gcp'] }))).toEqual(['vm-1']);
      expect(ids(await query({ ...all, account: ['222222222222'] }))).toEqual(['svc-api']);
      expect(ids(await query({ ...all, region: ['us-west-2', 'europe-west1'] }))).toEqual([
        'i-delta',
        'vm-1',
      ]);
      expect(ids(await query({ ...all, type: ['ecs.service'] }))).toEqual(['svc-api']);
      expect(ids(await query({ ...all, state: ['stopped'] }))).toEqual(['i-beta']);
      expect(ids(await query({ ...all, tags: [{ key: 'env' }] }))).toEqual([
        'i-alpha',
        'i-beta',
        'i-delta',
      ]);
      expect(ids(await query({ ...all, tags: [{ key: 'env', value: 'prod' }] }))).toEqual([
        'i-alpha',
        'i-delta',
      ]);
      expect(
        ids(await query({ ...all, tags: [{ key: 'env', value: 'prod' }, { key: 'team' }] })),
      ).toEqual(['i-alpha']);
      expect(ids(await query({ ...all, q: 'WEB' }))).toEqual(['i-alpha', 'i-delta']);
      expect(ids(await query({ ...all, q: 'data-team' }))).toEqual(['i-gamma']);
      expect(ids(await query({ ...all, q: 'vm-' }))).toEqual(['vm-1']);
      expect(ids(await query({ ...all, q: '100%' }))).toEqual(['i-gamma']);
      expect(ids(await query({ ...all, q: '_' }))).toEqual(['i-gamma']);
      expect(ids(await query({ ...all, provider: ['aws'], state: ['running'], q: 'web' }))).toEqual(
        ['i-alpha', 'i-delta'],
      );
    });

    it('filters by string attributes, exactly, and refuses attribute names that are not identifiers', async () => {
      const task = (id: string, attributes: Record<string, unknown>) =>
        resourceIn(east, id, { type: 'ecs.task', attributes });
      await store().resources.applyBatch({
        scope: east,
        type: 'ecs.task',
        runId: 'r1',
        resources: [
          task('web/t1', { clusterName: 'web', service: 'api' }),
          task('web/t2', { clusterName: 'web', service: 'api', desiredStatus: 'STOPPED' }),
          task('web/t3', { clusterName: 'web', service: 'worker' }),
          task('web-2/t4', { clusterName: 'web-2', service: 'api' }),
          task('web/t5', { clusterName: 'web', service: 'API' }),
          task('web/t6', { clusterName: 'web', service: 7 }),
          task('web/t7', { clusterName: 'web', service: '7' }),
          task('web/t8', { clusterName: 'web', nested: { service: 'api' } }),
          task('web/t9', { clusterName: 'it\'s "odd" %_', service: 'api' }),
          task('web/t10', { clusterName: 'web', service: ['api'], owner: { team: 'a' } }),
        ],
      });
      const byAttributes = async (attributes: Record<string, string>) =>
        ids(await query({ ...all, type: ['ecs.task'], attributes }));
      expect(await byAttributes({ clusterName: 'web', service: 'api' })).toEqual([
        'web/t1',
        'web/t2',
      ]);
      expect(await byAttributes({ service: 'api' })).toEqual([
        'web-2/t4',
        'web/t1',
        'web/t2',
        'web/t9',
      ]);
      // A number is not the string that spells it.
      expect(await byAttributes({ service: '7' })).toEqual(['web/t7']);
      // Nor is an array or an object the JSON text that spells it.
      expect(await byAttributes({ service: '["api"]' })).toEqual([]);
      expect(await byAttributes({ owner: '{"team":"a"}' })).toEqual([]);
      expect(await byAttributes({ clusterName: 'it\'s "odd" %_' })).toEqual(['web/t9']);
      expect(await byAttributes({ desiredStatus: 'STOPPED' })).toEqual(['web/t2']);
      expect(await byAttributes({ missing: 'api' })).toEqual([]);
      const counted = await query({ ...all, limit: 1, attributes: { service: 'api' } });
      expect(counted.total).toBe(4);
      const facets = await store().resources.facets({ attributes: { service: 'worker' } });
      expect(facets.type).toEqual([{ value: 'ecs.task', count: 1 }]);
      for (const key of ['nested.service', '$', "a') or 1=1 --", ''])
        await expect(query({ ...all, attributes: { [key]: 'api' } })).rejects.toMatchObject({
          code: 'invalid_input',
        });
    });

    it('matches any of several ids and attribute values, case-insensitively, within the rest of the filter', async () => {
      const vm =
        '/subscriptions/s/resourceGroups/RG/providers/Microsoft.Compute/virtualMachines/vm1';
      const disk = (id: string, attributes: Record<string, unknown>) =>
        resourceIn(east, id, { type: 'azure.disk', attributes });
      await store().resources.applyBatch({
        scope: east,
        type: 'azure.disk',
        runId: 'r1',
        resources: [
          disk('/disks/os-1', { managedBy: vm.toUpperCase() }),
          disk('/disks/DATA-1', { managedBy: null }),
          disk('/disks/data-2', { managedBy: vm }),
          disk('/disks/other', { managedBy: `${vm}0` }),
          disk('/disks/numeric', { managedBy: 7, lun: '7' }),
          disk('/disks/nested', { nested: { managedBy: vm } }),
        ],
      });
      await store().resources.applyBatch({
        scope: west,
        type: 'azure.disk',
        runId: 'r1',
        resources: [resourceIn(west, '/disks/data-1', { type: 'azure.disk' })],
      });
      const byAnyOf = async (anyOf: NonNullable<ResourceFilter['anyOf']>) =>
        ids(await query({ ...all, region: ['us-east-1'], type: ['azure.disk'], anyOf }));
      expect(
        await byAnyOf({ id: ['/disks/data-1', '/disks/none'], attributes: { managedBy: [vm] } }),
      ).toEqual(['/disks/DATA-1', '/disks/data-2', '/disks/os-1']);
      expect(await byAnyOf({ id: ['/DISKS/OTHER'] })).toEqual(['/disks/other']);
      // A number is not the string that spells it, and nested attributes are not top-level.
      expect(await byAnyOf({ attributes: { managedBy: ['7'], lun: ['7'] } })).toEqual([
        '/disks/numeric',
      ]);
      expect(await byAnyOf({ attributes: { managedBy: ["x' or 1=1 --"] } })).toEqual([]);
      // Nothing asked, nothing found.
      expect(await byAnyOf({})).toEqual([]);
      expect(await byAnyOf({ id: [], attributes: { managedBy: [] } })).toEqual([]);
      // It narrows, never widens: the other fields still hold, and totals and facets follow.
      const counted = await query({ ...all, limit: 1, anyOf: { id: ['/disks/data-1'] } });
      expect(counted.total).toBe(2);
      const facets = await store().resources.facets({ anyOf: { id: ['/disks/data-1'] } });
      expect(facets.region).toEqual([
        { value: 'us-east-1', count: 1 },
        { value: 'us-west-2', count: 1 },
      ]);
      const refused: NonNullable<ResourceFilter['anyOf']>[] = [
        { attributes: { 'managedBy.x': [vm] } },
        { attributes: { "a') or 1=1 --": [vm] } },
        { id: Array.from({ length: 1001 }, (_, i) => `/disks/${i}`) },
      ];
      for (const anyOf of refused)
        await expect(query({ ...all, anyOf })).rejects.toMatchObject({ code: 'invalid_input' });
    });

    it('sorts both ways with nulls last and a stable tiebreak on uid', async () => {
      await seed(store());
      const byName = (dir: 'asc' | 'desc') =>
        query({ offset: 0, limit: 50, sort: { field: 'name', dir } });
      expect(ids(await byName('asc'))).toEqual([
        'i-alpha',
        'vm-1',
        'svc-api',
        'i-gamma',
        'i-delta',
        'i-beta',
      ]);
      expect(ids(await byName('desc'))).toEqual([
        'i-delta',
        'i-gamma',
        'svc-api',
        'vm-1',
        'i-alpha',
        'i-beta',
      ]);
      const byCreated = (dir: 'asc' | 'desc') =>
        query({ offset: 0, limit: 50, sort: { field: 'createdAt', dir } });
      expect(ids(await byCreated('asc')).slice(0, 3)).toEqual(['i-beta', 'i-delta', 'i-alpha']);
      expect(ids(await byCreated('desc')).slice(0, 3)).toEqual(['i-alpha', 'i-delta', 'i-beta']);
      // Ties (and the nulls) fall back to uid order, the same in both directions.
      const nullsAsc = ids(await byCreated('asc')).slice(3);
      expect(nullsAsc).toEqual(ids(await byCreated('desc')).slice(3));
      const byState = await query({ offset: 0, limit: 50, sort: { field: 'state', dir: 'desc' } });
      expect(byState.items.at(-1)?.id).toBe('svc-api');
    });

    it('pages with a constant total and no overlap', async () => {
      await seed(store());
      const pages: string[] = [];
      for (let offset = 0; offset < 6; offset += 4) {
        const page = await query({ offset, limit: 4, sort: { field: 'name', dir: 'asc' } });
        expect(page.total).toBe(6);
        pages.push(...ids(page));
      }
      expect(pages).toEqual(
        ids(await query({ offset: 0, limit: 50, sort: { field: 'name', dir: 'asc' } })),
      );
      const empty = await query({ offset: 10, limit: 4 });
      expect(empty).toEqual({ items: [], total: 6 });
    });

    it('counts facets under the filter, each ignoring its own condition', async () => {
      await seed(store());
      const facets = await store().resources.facets({ region: ['us-east-1'] });
      expect(facets.region).toEqual([
        { value: 'us-east-1', count: 4 },
        { value: 'europe-west1', count: 1 },
        { value: 'us-west-2', count: 1 },
      ]);
      expect(facets.provider).toEqual([{ value: 'aws', count: 4 }]);
      expect(facets.account).toEqual([
        { value: '111111111111', count: 3 },
        { value: '222222222222', count: 1 },
      ]);
      expect(facets.state).toEqual([
        { value: 'running', count: 2 },
        { value: 'stopped', count: 1 },
      ]);
      const byTag = await store().resources.facets({ tags: [{ key: 'env', value: 'prod' }] });
      expect(byTag.region).toEqual([
        { value: 'us-east-1', count: 1 },
        { value: 'us-west-2', count: 1 },
      ]);
    });

    it('counts live resources per provider', async () => {
      await seed(store());
      expect(await store().resources.counts()).toEqual({
        total: 6,
        byProvider: { aws: 5, gcp: 1 },
      });
      expect(await store().resources.get('aws/none/none/x/y')).toBeNull();
      expect(await store().resources.history('aws/none/none/x/y')).toEqual([]);
    });
  });
}
