import { describe, expect, it } from 'vitest';
import { minute, resourceIn, scopeOf } from '../testing/fixtures';
import { useStore } from '../testing/use-store';
import type { Store } from '../types';

const TYPE = 'ec2.instance';

/** What an action writes back after reading the provider: state and an attribute patch. */
export function describeRefreshLiveContract(open: () => Promise<Store>): void {
  describe('live refresh after an action', () => {
    const store = useStore(open);
    const scope = scopeOf();
    const seed = async () => {
      const resource = resourceIn(scope, 'i-1', {
        state: 'running',
        attributes: { instanceType: 't3.micro', vpcId: 'vpc-1' },
      });
      await store().resources.applyBatch({
        scope,
        type: TYPE,
        runId: 'r1',
        resources: [resource],
        at: minute(1),
      });
      return resource;
    };

    it('patches state and attributes, records a change without a run, keeps the run stamp', async () => {
      const resource = await seed();
      const repo = store().resources;
      const refreshed = await repo.refreshLive(resource.uid, {
        state: 'stopped',
        attributes: { instanceType: 'm5.large' },
        at: minute(2),
      });
      expect(refreshed).toMatchObject({
        state: 'stopped',
        attributes: { instanceType: 'm5.large', vpcId: 'vpc-1' },
        updatedAt: minute(2),
        lastSeenAt: minute(1),
      });
      expect(await repo.get(resource.uid)).toEqual(refreshed);
      const [change] = await repo.history(resource.uid, { limit: 1 });
      expect(change).toMatchObject({ kind: 'updated', syncRunId: null, at: minute(2) });
      expect(change!.diff).toEqual([
        { path: 'state', before: 'running', after: 'stopped' },
        { path: 'attributes.instanceType', before: 't3.micro', after: 'm5.large' },
      ]);
      // The run that listed it still owns it: completing that listing deletes nothing.
      expect(await repo.completeListing({ scope, type: TYPE, runId: 'r1', at: minute(3) })).toEqual(
        { deleted: 0 },
      );
    });

    it('records nothing when nothing changed, and ignores unknown or deleted resources', async () => {
      const resource = await seed();
      const repo = store().resources;
      await repo.refreshLive(resource.uid, { state: 'running', attributes: {}, at: minute(2) });
      expect(await repo.history(resource.uid)).toHaveLength(1);
      expect(await repo.refreshLive('aws/1/r/ec2.instance/none', { state: 'stopped' })).toBeNull();
      await repo.completeListing({ scope, type: TYPE, runId: 'r2', at: minute(3) });
      expect(await repo.refreshLive(resource.uid, { state: 'stopped' })).toBeNull();
      expect((await repo.get(resource.uid))?.state).toBe('running');
    });

    it('refuses input that is not a state or an attribute object', async () => {
      const resource = await seed();
      await expect(
        store().resources.refreshLive(resource.uid, {
          state: 'x'.repeat(100),
        }),
      ).rejects.toMatchObject({ code: 'invalid_input' });
    });
  });
}
