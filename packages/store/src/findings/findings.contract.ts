import { describe, expect, it } from 'vitest';
import { useStore } from '../testing/use-store';
import type { Store } from '../types';
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
      const usd = (amount: number) => ({ estimatedMonthlyImpact: { amount, currency: 'USD' } });
      await findings.replaceForResource({
        kind: 'k1',
        resourceUid: 'r2',
        findings: [input('a', usd(10.25)), input('b', usd(4.5)), input('c')],
      });
      await findings.replaceForResource({
        kind: 'k2',
        resourceUid: 'r2',
        findings: [input('a', usd(1))],
      });
      await findings.replaceForResource({ kind: 'k1', resourceUid: 'r1', findings: [input('a')] });
      await findings.replaceForResource({
        kind: 'k3',
        resourceUid: 'r3',
        findings: [input('a', usd(9))],
      });
      expect(await findings.monthlyImpactByResource({ kind: ['k1', 'k2'] })).toEqual([
        { resourceUid: 'r1', amount: 0 },
        { resourceUid: 'r2', amount: 15.75 },
      ]);
      expect(await findings.monthlyImpactByResource({ kind: ['k2'] })).toEqual([
        { resourceUid: 'r2', amount: 1 },
      ]);
      expect(await findings.monthlyImpactByResource({ kind: [] })).toEqual([]);
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
