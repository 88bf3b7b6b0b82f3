import { describe, expect, it } from 'vitest';
import { resourceIn, scopeOf } from '../testing/fixtures';
import { useStore } from '../testing/use-store';
import type { ScopeRef, Store } from '../types';
import { findingFingerprint } from './repository';
import type { FindingInput } from './types';

const at = (minute: number): string => new Date(Date.UTC(2026, 10, 25, 12, minute)).toISOString();

function input(subject: string, extra: Partial<FindingInput> = {}): FindingInput {
  return {
    severity: 'high',
    subject,
    title: `Check ${subject} fails`,
    evidence: { setting: subject, values: [1, 2] },
    estimatedMonthlyImpact: null,
    detectedAt: at(1),
    ...extra,
  };
}

const usd = (amount: number) => ({ estimatedMonthlyImpact: { amount, currency: 'USD' } });

/** Live EC2 instances with these ids in `scope`; their uids, in the same order. */
async function storeResources<const Ids extends readonly string[]>(
  store: Store,
  ids: Ids,
  scope: ScopeRef = scopeOf(),
): Promise<{ [K in keyof Ids]: string }> {
  const resources = ids.map((id) => resourceIn(scope, id));
  await store.resources.applyBatch({ scope, type: 'ec2.instance', runId: 'r1', resources });
  return resources.map((resource) => resource.uid) as { [K in keyof Ids]: string };
}

/** Insight findings: replaced per resource and kind, unique by fingerprint. */
export function describeFindingsContract(open: () => Promise<Store>): void {
  describe('findings', () => {
    const store = useStore(open);

    it('stores findings with a derived fingerprint and reads them back in order', async () => {
      const { findings } = store();
      await findings.replaceForResource({
        kind: 'storage.posture',
        resourceUid: 'aws:1:s3.bucket:b',
        findings: [
          input('versioning', { severity: 'low' }),
          input('public-access', {
            estimatedMonthlyImpact: { amount: 12.5, currency: 'USD' },
          }),
        ],
      });
      expect(await findings.list()).toEqual([
        {
          kind: 'storage.posture',
          resourceUid: 'aws:1:s3.bucket:b',
          subject: 'public-access',
          severity: 'high',
          title: 'Check public-access fails',
          evidence: { setting: 'public-access', values: [1, 2] },
          estimatedMonthlyImpact: { amount: 12.5, currency: 'USD' },
          detectedAt: at(1),
          fingerprint: findingFingerprint('storage.posture', 'aws:1:s3.bucket:b', 'public-access'),
        },
        expect.objectContaining({
          subject: 'versioning',
          severity: 'low',
          estimatedMonthlyImpact: null,
        }),
      ]);
    });

    it('replaces only the findings of one kind for one resource', async () => {
      const { findings } = store();
      const a = 'aws:1:s3.bucket:a';
      const b = 'aws:1:s3.bucket:b';
      await findings.replaceForResource({
        kind: 'storage.posture',
        resourceUid: a,
        findings: [input('x'), input('y')],
      });
      await findings.replaceForResource({
        kind: 'storage.tiering',
        resourceUid: a,
        findings: [input('t')],
      });
      await findings.replaceForResource({
        kind: 'storage.posture',
        resourceUid: b,
        findings: [input('x')],
      });
      await findings.replaceForResource({
        kind: 'storage.posture',
        resourceUid: a,
        findings: [input('z')],
      });
      const summary = (await findings.list()).map((f) => `${f.resourceUid}/${f.kind}/${f.subject}`);
      expect(summary).toEqual([
        `${a}/storage.posture/z`,
        `${a}/storage.tiering/t`,
        `${b}/storage.posture/x`,
      ]);
      await findings.replaceForResource({ kind: 'storage.posture', resourceUid: a, findings: [] });
      expect(await findings.list({ resourceUid: [a] })).toHaveLength(1);
    });

    it('filters by kind and resource', async () => {
      const { findings } = store();
      await findings.replaceForResource({ kind: 'k1', resourceUid: 'r1', findings: [input('s')] });
      await findings.replaceForResource({ kind: 'k2', resourceUid: 'r1', findings: [input('s')] });
      await findings.replaceForResource({ kind: 'k1', resourceUid: 'r2', findings: [input('s')] });
      const pick = async (query: Parameters<typeof findings.list>[0]) =>
        (await findings.list(query)).map((f) => `${f.resourceUid}/${f.kind}`);
      expect(await pick({ kind: ['k1'] })).toEqual(['r1/k1', 'r2/k1']);
      expect(await pick({ resourceUid: ['r2', 'r1'] })).toEqual(['r1/k1', 'r1/k2', 'r2/k1']);
      expect(await pick({ kind: ['k2'], resourceUid: ['r1', 'r2'] })).toEqual(['r1/k2']);
      expect(await pick({ kind: [] })).toEqual([]);
    });

    it('sums the monthly impact per resource over the kinds asked, counting none as 0', async () => {
      const { findings } = store();
      const [r1, r2, r3] = await storeResources(store(), ['r1', 'r2', 'r3']);
      await findings.replaceForResource({
        kind: 'k1',
        resourceUid: r2,
        findings: [input('a', usd(10.25)), input('b', usd(4.5)), input('c')],
      });
      await findings.replaceForResource({
        kind: 'k2',
        resourceUid: r2,
        findings: [input('a', usd(1))],
      });
      await findings.replaceForResource({ kind: 'k1', resourceUid: r1, findings: [input('a')] });
      await findings.replaceForResource({
        kind: 'k3',
        resourceUid: r3,
        findings: [input('a', usd(9))],
      });
      const all = {};
      expect(
        await findings.monthlyImpactByResource({ kind: ['k1', 'k2'], resources: all }),
      ).toEqual([
        { resourceUid: r1, amount: 0 },
        { resourceUid: r2, amount: 15.75 },
      ]);
      expect(await findings.monthlyImpactByResource({ kind: ['k2'], resources: all })).toEqual([
        { resourceUid: r2, amount: 1 },
      ]);
      expect(await findings.monthlyImpactByResource({ kind: [], resources: all })).toEqual([]);
    });

    it('sums only the findings of resources the filter selects', async () => {
      const { findings } = store();
      const [retired, gone] = await storeResources(store(), ['retired', 'gone']);
      const [west] = await storeResources(store(), ['west'], scopeOf({ region: 'us-west-2' }));
      await store().resources.completeListing({
        scope: scopeOf(),
        type: 'ec2.instance',
        runId: 'later',
      });
      for (const uid of [retired, gone, west, 'aws:1:ec2.instance:never-stored'])
        await findings.replaceForResource({
          kind: 'k',
          resourceUid: uid,
          findings: [input('a', usd(2))],
        });
      const sums = (
        resources: Parameters<typeof findings.monthlyImpactByResource>[0]['resources'],
      ) => findings.monthlyImpactByResource({ kind: ['k'], resources });
      // A later listing of us-east-1 found neither of its rows, so both are deleted. A finding of a
      // resource never stored is never summed, not even with no filter: only stored rows join.
      expect(await sums({})).toEqual([{ resourceUid: west, amount: 2 }]);
      // Ordered by uid, and "gone" sorts before "retired".
      expect(await sums({ includeDeleted: true, region: ['us-east-1'] })).toEqual([
        { resourceUid: gone, amount: 2 },
        { resourceUid: retired, amount: 2 },
      ]);
      expect(await sums({ includeDeleted: true, q: 'GON' })).toEqual([
        { resourceUid: gone, amount: 2 },
      ]);
      expect(await sums({ region: ['us-east-1'] })).toEqual([]);
      await expect(sums({ uid: 'x' as never })).rejects.toMatchObject({ code: 'invalid_input' });
    });

    it('refuses a duplicate fingerprint as a conflict and leaves the previous findings intact', async () => {
      const { findings } = store();
      await findings.replaceForResource({ kind: 'k', resourceUid: 'r1', findings: [input('a')] });
      await expect(
        findings.replaceForResource({
          kind: 'k',
          resourceUid: 'r1',
          findings: [input('b'), input('b')],
        }),
      ).rejects.toMatchObject({ code: 'conflict' });
      expect((await findings.list()).map((f) => f.subject)).toEqual(['a']);
    });

    it('rejects an unknown severity or a bad currency as invalid input', async () => {
      const { findings } = store();
      await expect(
        findings.replaceForResource({
          kind: 'k',
          resourceUid: 'r',
          // @ts-expect-error: not a severity
          findings: [input('a', { severity: 'dire' })],
        }),
      ).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(
        findings.replaceForResource({
          kind: 'k',
          resourceUid: 'r',
          findings: [input('a', { estimatedMonthlyImpact: { amount: 1, currency: 'dollars' } })],
        }),
      ).rejects.toMatchObject({ code: 'invalid_input' });
    });
  });
}
