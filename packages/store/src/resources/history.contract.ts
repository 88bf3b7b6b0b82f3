import type { Resource } from '@ccx/core';
import { describe, expect, it } from 'vitest';
import { minute, resourceIn, scopeOf } from '../testing/fixtures';
import { useStore } from '../testing/use-store';
import type { Store } from '../types';

const TYPE = 'ec2.instance';

/** Listings, change history, scoped deletion and revival. */
export function describeHistoryContract(open: () => Promise<Store>): void {
  describe('resource listings and history', () => {
    const store = useStore(open);
    const scope = scopeOf();

    it('records created, updated with an exact field-level diff, unchanged and deleted', async () => {
      const v1 = resourceIn(scope, 'i-1', {
        name: 'web',
        state: 'running',
        tags: { env: 'prod', team: 'a' },
        createdAt: minute(0),
        attributes: {
          instanceType: 't3.micro',
          placement: { zone: 'a', tenancy: 'default' },
          sg: ['x'],
        },
      });
      const repo = store().resources;
      expect(
        await repo.applyBatch({ scope, type: TYPE, runId: 'r1', resources: [v1], at: minute(1) }),
      ).toEqual({
        created: 1,
        updated: 0,
        unchanged: 0,
        deleted: 0,
      });
      const v2 = {
        ...v1,
        state: 'stopped',
        tags: { env: 'dev', owner: 'ops' },
        attributes: {
          instanceType: 't3.large',
          placement: { zone: 'b', tenancy: 'default' },
          sg: ['x', 'y'],
        },
      };
      expect(
        await repo.applyBatch({ scope, type: TYPE, runId: 'r2', resources: [v2], at: minute(2) }),
      ).toMatchObject({
        created: 0,
        updated: 1,
        unchanged: 0,
      });
      expect(
        await repo.applyBatch({ scope, type: TYPE, runId: 'r3', resources: [v2], at: minute(3) }),
      ).toMatchObject({
        created: 0,
        updated: 0,
        unchanged: 1,
      });

      const stored = await repo.get(v1.uid);
      expect(stored).toMatchObject({
        ...v2,
        connection: 'prod',
        firstSeenAt: minute(1),
        lastSeenAt: minute(3),
        updatedAt: minute(2),
        deletedAt: null,
      });

      expect(await repo.completeListing({ scope, type: TYPE, runId: 'r4', at: minute(4) })).toEqual(
        { deleted: 1 },
      );
      const history = await repo.history(v1.uid);
      expect(history.map((change) => [change.kind, change.syncRunId, change.at])).toEqual([
        ['deleted', 'r4', minute(4)],
        ['updated', 'r2', minute(2)],
        ['created', 'r1', minute(1)],
      ]);
      expect(history[1]!.diff).toEqual([
        { path: 'state', before: 'running', after: 'stopped' },
        { path: 'tags.env', before: 'prod', after: 'dev' },
        { path: 'tags.owner', before: null, after: 'ops' },
        { path: 'tags.team', before: 'a', after: null },
        { path: 'attributes.instanceType', before: 't3.micro', after: 't3.large' },
        { path: 'attributes.placement.zone', before: 'a', after: 'b' },
        { path: 'attributes.sg', before: ['x'], after: ['x', 'y'] },
      ]);
      expect(history[0]!.diff).toEqual([]);
      expect(await repo.history(v1.uid, { limit: 1 })).toHaveLength(1);
      expect((await repo.get(v1.uid))?.deletedAt).toBe(minute(4));
      expect(await repo.counts()).toEqual({ total: 0, byProvider: {} });
    });

    it('deletes nothing when a listing is never completed', async () => {
      const repo = store().resources;
      const a = resourceIn(scope, 'i-a');
      const b = resourceIn(scope, 'i-b');
      await repo.applyBatch({ scope, type: TYPE, runId: 'r1', resources: [a, b] });
      await repo.applyBatch({ scope, type: TYPE, runId: 'r2', resources: [a] });
      const { items } = await repo.query({ offset: 0, limit: 10 });
      expect(items.map((item) => item.id)).toEqual(['i-a', 'i-b']);
      expect(await repo.counts()).toEqual({ total: 2, byProvider: { aws: 2 } });
    });

    it('deletes only rows of exactly the completed scope and type', async () => {
      const repo = store().resources;
      const otherRegion = scopeOf({ region: 'eu-west-1' });
      const otherConnection = scopeOf({ connection: 'staging' });
      const kept = resourceIn(scope, 'i-kept');
      const gone = resourceIn(scope, 'i-gone');
      const service = resourceIn(scope, 'svc-1', { type: 'ecs.service' });
      const elsewhere = resourceIn(otherRegion, 'i-eu');
      const viaOther = resourceIn(otherConnection, 'i-staging');
      await repo.applyBatch({ scope, type: TYPE, runId: 'r1', resources: [kept, gone] });
      await repo.applyBatch({ scope, type: 'ecs.service', runId: 'r1', resources: [service] });
      await repo.applyBatch({
        scope: otherRegion,
        type: TYPE,
        runId: 'r1',
        resources: [elsewhere],
      });
      await repo.applyBatch({
        scope: otherConnection,
        type: TYPE,
        runId: 'r1',
        resources: [viaOther],
      });

      await repo.applyBatch({ scope, type: TYPE, runId: 'r2', resources: [kept] });
      expect(await repo.completeListing({ scope, type: TYPE, runId: 'r2' })).toEqual({
        deleted: 1,
      });

      const live = await repo.query({ offset: 0, limit: 10, sort: { field: 'id', dir: 'asc' } });
      expect(live.items.map((item) => item.id)).toEqual(['i-eu', 'i-kept', 'i-staging', 'svc-1']);
      expect((await repo.get(gone.uid))?.deletedAt).not.toBeNull();
      // Completing the same listing again finds nothing more to delete.
      expect(await repo.completeListing({ scope, type: TYPE, runId: 'r2' })).toEqual({
        deleted: 0,
      });
    });

    it('revives a deleted resource that is seen again, keeping when it was first seen', async () => {
      const repo = store().resources;
      const r = resourceIn(scope, 'i-1');
      await repo.applyBatch({ scope, type: TYPE, runId: 'r1', resources: [r], at: minute(1) });
      await repo.completeListing({ scope, type: TYPE, runId: 'r2', at: minute(2) });
      const counts = await repo.applyBatch({
        scope,
        type: TYPE,
        runId: 'r3',
        resources: [r],
        at: minute(3),
      });
      expect(counts).toEqual({ created: 1, updated: 0, unchanged: 0, deleted: 0 });
      expect(await repo.get(r.uid)).toMatchObject({
        deletedAt: null,
        firstSeenAt: minute(1),
        lastSeenAt: minute(3),
      });
      expect((await repo.history(r.uid)).map((change) => change.kind)).toEqual([
        'created',
        'deleted',
        'created',
      ]);
      expect(await repo.completeListing({ scope, type: TYPE, runId: 'r3' })).toEqual({
        deleted: 0,
      });
    });

    it('rejects tags that are not all strings and attributes that are not a plain object', async () => {
      const repo = store().resources;
      const good = resourceIn(scope, 'i-good');
      const bad: unknown[] = [
        { ...resourceIn(scope, 'i-1'), tags: { env: 1 } },
        { ...resourceIn(scope, 'i-2'), tags: ['prod'] },
        { ...resourceIn(scope, 'i-3'), attributes: ['t3.micro'] },
        { ...resourceIn(scope, 'i-4'), attributes: new Date(0) },
        { ...resourceIn(scope, 'i-5'), attributes: null },
      ];
      for (const [index, resource] of bad.entries()) {
        const field = index < 2 ? 'tags' : 'attributes';
        await expect(
          repo.applyBatch({
            scope,
            type: TYPE,
            runId: 'r1',
            resources: [good, resource] as Resource[],
          }),
        ).rejects.toMatchObject({
          code: 'invalid_input',
          details: { issues: [{ path: `resources.1.${field}` }] },
        });
      }
      expect((await repo.query({ offset: 0, limit: 10 })).total).toBe(0);
    });

    it('rejects a resource outside the scope or type of its batch', async () => {
      const repo = store().resources;
      const stray = resourceIn(scopeOf({ region: 'eu-west-1' }), 'i-1');
      await expect(
        repo.applyBatch({ scope, type: TYPE, runId: 'r1', resources: [stray] }),
      ).rejects.toMatchObject({
        code: 'invalid_input',
      });
      const wrongType = resourceIn(scope, 'b-1', { type: 's3.bucket' });
      await expect(
        repo.applyBatch({ scope, type: TYPE, runId: 'r1', resources: [wrongType] }),
      ).rejects.toMatchObject({
        code: 'invalid_input',
      });
      expect((await repo.query({ offset: 0, limit: 10 })).total).toBe(0);
    });

    it('applies batches larger than one statement and re-applies them unchanged', async () => {
      const repo = store().resources;
      const batch = Array.from({ length: 1_200 }, (_, i) =>
        resourceIn(scope, `i-${String(i).padStart(5, '0')}`, {
          tags: { env: i % 2 ? 'prod' : 'dev', n: String(i) },
        }),
      );
      expect(
        await repo.applyBatch({ scope, type: TYPE, runId: 'r1', resources: batch }),
      ).toMatchObject({ created: 1_200 });
      const changed = batch.map((r, i) => (i < 10 ? { ...r, state: 'stopped' } : r));
      expect(await repo.applyBatch({ scope, type: TYPE, runId: 'r2', resources: changed })).toEqual(
        {
          created: 0,
          updated: 10,
          unchanged: 1_190,
          deleted: 0,
        },
      );
      expect(
        (await repo.query({ offset: 0, limit: 1, tags: [{ key: 'env', value: 'prod' }] })).total,
      ).toBe(600);
      expect(await repo.completeListing({ scope, type: TYPE, runId: 'r2' })).toEqual({
        deleted: 0,
      });
    });
  });
}
