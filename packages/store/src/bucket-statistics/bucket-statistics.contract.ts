import { describe, expect, it } from 'vitest';
import { useStore } from '../testing/use-store';
import type { Store } from '../types';
import type { StoredBucketStatistics } from './types';

const at = (minute: number): string => new Date(Date.UTC(2026, 10, 25, 12, minute)).toISOString();

function measured(
  resourceUid: string,
  extra: Partial<StoredBucketStatistics> = {},
): StoredBucketStatistics {
  return {
    resourceUid,
    measuredAt: at(1),
    objects: 3,
    bytes: 1_500,
    classes: [
      {
        storageClass: 'STANDARD',
        objects: 2,
        bytes: 1_000,
        ages: [
          { band: '0-30', objects: 1, bytes: 400 },
          { band: '>365', objects: 1, bytes: 600 },
        ],
        oldest: '2024-01-01T00:00:00.000Z',
        newest: '2026-11-20T00:00:00.000Z',
      },
      {
        storageClass: null,
        objects: 1,
        bytes: 500,
        ages: [{ band: '30-90', objects: 1, bytes: 500 }],
        oldest: '2026-09-01T00:00:00.000Z',
        newest: '2026-09-01T00:00:00.000Z',
      },
    ],
    oldest: '2024-01-01T00:00:00.000Z',
    newest: '2026-11-20T00:00:00.000Z',
    ...extra,
  };
}

/** Stored bucket statistics: one row per bucket, the newest measurement kept. */
export function describeBucketStatisticsContract(open: () => Promise<Store>): void {
  describe('bucket statistics', () => {
    const store = useStore(open);

    it('upserts per bucket and reads it back whole, or null when never measured', async () => {
      const { bucketStatistics } = store();
      await bucketStatistics.upsert(measured('aws:s3:data'));
      expect(await bucketStatistics.get('aws:s3:data')).toEqual(measured('aws:s3:data'));
      expect(await bucketStatistics.get('aws:s3:other')).toBeNull();
      const emptied = measured('aws:s3:data', {
        measuredAt: at(5),
        objects: 0,
        bytes: 0,
        classes: [],
        oldest: null,
        newest: null,
      });
      await bucketStatistics.upsert(emptied);
      expect(await bucketStatistics.get('aws:s3:data')).toEqual(emptied);
    });

    it('keeps the newer measurement when an older one arrives late, comparing instants not text', async () => {
      const { bucketStatistics } = store();
      await bucketStatistics.upsert(measured('b', { measuredAt: at(10), objects: 10 }));
      await bucketStatistics.upsert(measured('b', { measuredAt: at(5), objects: 5 }));
      expect((await bucketStatistics.get('b'))?.objects).toBe(10);
      // 12:08 at +01:00 is 11:08 UTC: older, although its text sorts after the stored one.
      await bucketStatistics.upsert(
        measured('b', { measuredAt: '2026-11-25T12:08:00+01:00', objects: 8 }),
      );
      expect((await bucketStatistics.get('b'))?.objects).toBe(10);
      await bucketStatistics.upsert(
        measured('b', { measuredAt: '2026-11-25T13:11:00+01:00', objects: 11 }),
      );
      expect(await bucketStatistics.get('b')).toMatchObject({
        objects: 11,
        measuredAt: '2026-11-25T12:11:00.000Z',
      });
    });

    it('lists all ordered by uid, or only some uids, keeping hostile uids verbatim', async () => {
      const { bucketStatistics } = store();
      const hostile = 'aws:s3:../<img src=x>';
      for (const uid of ['c', hostile, 'a']) await bucketStatistics.upsert(measured(uid));
      expect((await bucketStatistics.list()).map((s) => s.resourceUid)).toEqual([
        'a',
        hostile,
        'c',
      ]);
      const some = await bucketStatistics.list({ resourceUids: ['c', 'missing', hostile, 'c'] });
      expect(some.map((s) => s.resourceUid)).toEqual([hostile, 'c']);
      expect(await bucketStatistics.list({ resourceUids: [] })).toEqual([]);
    });

    it('refuses negative counts, an empty uid, a bad instant and an unbounded class list', async () => {
      const { bucketStatistics } = store();
      const refused = [
        measured('a', { bytes: -1 }),
        measured(''),
        measured('a', { measuredAt: 'yesterday' }),
        measured('a', {
          classes: Array.from({ length: 65 }, (_, i) => ({
            storageClass: `C${i}`,
            objects: 0,
            bytes: 0,
            ages: [],
            oldest: null,
            newest: null,
          })),
        }),
      ];
      for (const statistics of refused) {
        await expect(bucketStatistics.upsert(statistics)).rejects.toMatchObject({
          code: 'invalid_input',
        });
      }
      expect(await bucketStatistics.list()).toEqual([]);
    });
  });
}
