import { describe, expect, it } from 'vitest';
import { minute, resourceIn, scopeOf } from '../testing/fixtures';
import { useStore } from '../testing/use-store';
import type { Store } from '../types';

const TYPE = 'ec2.instance';

/** Two connections reaching one account, stored shapes that diff as equal, tag rows. */
export function describeOwnershipContract(open: () => Promise<Store>): void {
  describe('resources reached twice and stored shapes', () => {
    const store = useStore(open);
    const viaProd = scopeOf({ connection: 'prod' });
    const viaAudit = scopeOf({ connection: 'audit' });

    it('lets the connection that still lists a resource sweep it once the other stopped listing it', async () => {
      const repo = store().resources;
      const r = resourceIn(viaProd, 'i-shared');
      await repo.applyBatch({ scope: viaProd, type: TYPE, runId: 'r1', resources: [r] });
      expect(
        await repo.applyBatch({ scope: viaAudit, type: TYPE, runId: 'r1', resources: [r] }),
      ).toMatchObject({ unchanged: 1 });
      // `prod` is no longer configured; `audit` lists the account alone and finds it gone.
      expect(await repo.completeListing({ scope: viaAudit, type: TYPE, runId: 'r2' })).toEqual({
        deleted: 1,
      });
      expect((await repo.get(r.uid))?.deletedAt).not.toBeNull();
    });

    it('stamps unchanged rows it owns and takes over those another connection listed, in one batch', async () => {
      const repo = store().resources;
      const shared = resourceIn(viaProd, 'i-shared');
      const own = resourceIn(viaAudit, 'i-own');
      await repo.applyBatch({ scope: viaProd, type: TYPE, runId: 'r1', resources: [shared] });
      await repo.applyBatch({ scope: viaAudit, type: TYPE, runId: 'r1', resources: [own] });
      expect(
        await repo.applyBatch({
          scope: viaAudit,
          type: TYPE,
          runId: 'r2',
          resources: [shared, own],
          at: minute(5),
        }),
      ).toEqual({ created: 0, updated: 0, unchanged: 2, deleted: 0 });
      for (const uid of [shared.uid, own.uid]) {
        expect(await repo.get(uid)).toMatchObject({ connection: 'audit', lastSeenAt: minute(5) });
      }
      // Both rows are `audit`'s now: `prod`'s sweep leaves them, `audit`'s run saw them.
      expect(await repo.completeListing({ scope: viaProd, type: TYPE, runId: 'r3' })).toEqual({
        deleted: 0,
      });
      expect(await repo.completeListing({ scope: viaAudit, type: TYPE, runId: 'r2' })).toEqual({
        deleted: 0,
      });
      expect(await repo.completeListing({ scope: viaAudit, type: TYPE, runId: 'r4' })).toEqual({
        deleted: 2,
      });
    });

    it('records one creation when two connections write the same resources at once', async () => {
      const repo = store().resources;
      const batch = Array.from({ length: 50 }, (_, i) => resourceIn(viaProd, `i-${i}`));
      const counts = await Promise.all(
        [viaProd, viaAudit, viaProd, viaAudit].map((scope, n) =>
          repo.applyBatch({
            scope,
            type: TYPE,
            runId: 'r1',
            resources: n % 2 ? [...batch].reverse() : batch,
          }),
        ),
      );
      expect(counts.reduce((sum, c) => sum + c.created, 0)).toBe(50);
      expect(counts.reduce((sum, c) => sum + c.unchanged, 0)).toBe(150);
      for (const r of [batch[0]!, batch[49]!])
        expect((await repo.history(r.uid)).map((c) => c.kind)).toEqual(['created']);
      await Promise.all([
        repo.completeListing({ scope: viaProd, type: TYPE, runId: 'r1' }),
        repo.completeListing({ scope: viaAudit, type: TYPE, runId: 'r1' }),
      ]);
      expect((await repo.counts()).total).toBe(50);
    });

    it('stores a key that went from null to absent without recording history', async () => {
      const repo = store().resources;
      const scope = viaProd;
      const v1 = resourceIn(scope, 'i-1', { attributes: { publicIp: null, zone: 'a' } });
      await repo.applyBatch({ scope, type: TYPE, runId: 'r1', resources: [v1], at: minute(1) });
      const v2 = { ...v1, attributes: { zone: 'a' } };
      expect(
        await repo.applyBatch({ scope, type: TYPE, runId: 'r2', resources: [v2], at: minute(2) }),
      ).toEqual({ created: 0, updated: 0, unchanged: 1, deleted: 0 });
      expect(await repo.get(v1.uid)).toMatchObject({
        attributes: { zone: 'a' },
        updatedAt: minute(1),
        lastSeenAt: minute(2),
      });
      expect(Object.keys((await repo.get(v1.uid))!.attributes)).toEqual(['zone']);
      expect((await repo.history(v1.uid)).map((c) => c.kind)).toEqual(['created']);
    });

    it('keeps tag filters right when only other fields change, and after tags change', async () => {
      const repo = store().resources;
      const scope = viaProd;
      const v1 = resourceIn(scope, 'i-1', { tags: { env: 'prod', team: 'a' } });
      await repo.applyBatch({ scope, type: TYPE, runId: 'r1', resources: [v1] });
      await repo.applyBatch({
        scope,
        type: TYPE,
        runId: 'r2',
        resources: [{ ...v1, state: 'stopped' }],
      });
      const byTag = async (key: string, value?: string) =>
        (await repo.query({ offset: 0, limit: 10, tags: [{ key, value }] })).total;
      expect([await byTag('env', 'prod'), await byTag('team')]).toEqual([1, 1]);
      await repo.applyBatch({
        scope,
        type: TYPE,
        runId: 'r3',
        resources: [{ ...v1, state: 'stopped', tags: { env: 'dev', owner: 'ops' } }],
      });
      expect([await byTag('env', 'prod'), await byTag('env', 'dev')]).toEqual([0, 1]);
      expect([await byTag('team'), await byTag('owner', 'ops')]).toEqual([0, 1]);
      const [latest] = await repo.history(v1.uid);
      expect(latest?.diff).toEqual([
        { path: 'tags.env', before: 'prod', after: 'dev' },
        { path: 'tags.owner', before: null, after: 'ops' },
        { path: 'tags.team', before: 'a', after: null },
      ]);
    });
  });
}
