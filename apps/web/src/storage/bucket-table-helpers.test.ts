import { describe, expect, it } from 'vitest';
import type { BucketView } from '@ccx/api/contract';
import { nextSizeSort, parseBucketSort, sortBuckets } from './bucket-sort';
import { classMixText, classShares } from './class-mix';
import { formatMonthlyMoney } from './format';

function sized(name: string, bytes: number | null): BucketView {
  return {
    uid: name,
    connection: 'c',
    account: 'a',
    bucket: name,
    provider: 'aws',
    region: null,
    createdAt: null,
    tags: {},
    versioning: null,
    encryption: null,
    publicAccess: null,
    logging: null,
    lifecycle: null,
    attributes: {},
    posture: [],
    classification: null,
    tiering: null,
    statistics:
      bytes === null
        ? null
        : {
            objects: 1,
            bytes,
            classes: [{ storageClass: 'STANDARD', objects: 1, bytes }],
            oldest: null,
            newest: null,
            measuredAt: '2026-11-25T00:00:00.000Z',
          },
  };
}

describe('bucket order', () => {
  const buckets = [sized('a', 5), sized('b', null), sized('c', 50), sized('d', 5)];
  const names = (list: BucketView[]) => list.map((b) => b.bucket);

  it('sorts by size both ways, stable on ties, unmeasured last, leaving the input alone', () => {
    expect(names(sortBuckets(buckets, '-size'))).toEqual(['c', 'a', 'd', 'b']);
    expect(names(sortBuckets(buckets, 'size'))).toEqual(['a', 'd', 'c', 'b']);
    expect(names(sortBuckets(buckets, ''))).toEqual(['a', 'b', 'c', 'd']);
    expect(names(buckets)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('reads only known orders from the address and toggles largest first, then smallest', () => {
    expect(parseBucketSort('size')).toBe('size');
    expect(parseBucketSort('-size')).toBe('-size');
    expect(parseBucketSort('name; drop')).toBe('');
    expect(parseBucketSort(null)).toBe('');
    expect(nextSizeSort('')).toBe('-size');
    expect(nextSizeSort('-size')).toBe('size');
    expect(nextSizeSort('size')).toBe('-size');
  });
});

describe('class mix', () => {
  it('shares bytes, or object counts when every object is empty', () => {
    const stats = sized('x', 0).statistics!;
    const empty = {
      ...stats,
      objects: 4,
      classes: [
        { storageClass: null, objects: 3, bytes: 0 },
        { storageClass: 'COLD', objects: 1, bytes: 0 },
      ],
    };
    expect(classShares(empty).map((s) => [s.label, s.percent])).toEqual([
      ['default', 75],
      ['COLD', 25],
    ]);
    expect(classMixText(empty)).toBe('default: 0 B, COLD: 0 B');
    expect(classShares({ ...stats, objects: 0, classes: [] })).toEqual([]);
  });

  it('formats a monthly saving, saying when it is under a cent', () => {
    expect(formatMonthlyMoney(12.5, 'USD')).toBe('$12.50/month');
    expect(formatMonthlyMoney(0.0004, 'USD')).toBe('< $0.01/month');
    expect(formatMonthlyMoney(3, 'credits')).toBe('3.00 credits/month');
  });
});
