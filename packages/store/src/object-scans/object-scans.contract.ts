import { describe, expect, it } from 'vitest';
import { useStore } from '../testing/use-store';
import type { Store } from '../types';
import type { StoredObjectScan } from './types';

const at = (minute: number): string => new Date(Date.UTC(2026, 10, 25, 12, minute)).toISOString();
const bucket = { connection: 'lab', account: '111111111111', bucket: 'data' };

function scan(key: string, extra: Partial<StoredObjectScan> = {}): StoredObjectScan {
  return {
    ...bucket,
    key,
    etag: `"${key}-1"`,
    scannedAt: at(1),
    counts: {},
    maxConfidence: 0,
    samples: [],
    ...extra,
  };
}

const withEmail = (key: string, extra: Partial<StoredObjectScan> = {}) =>
  scan(key, {
    counts: { email: 2 },
    maxConfidence: 0.85,
    samples: [
      { type: 'email', ruleId: 'email', masked: 'a***@example.com', confidence: 0.85, line: 3 },
    ],
    ...extra,
  });

/** Stored object scans: one row per object, replaced by the next scan of it. */
export function describeObjectScansContract(open: () => Promise<Store>): void {
  describe('object scans', () => {
    const store = useStore(open);

    it('upserts per object and reads one back, or null when never scanned', async () => {
      const { objectScans } = store();
      await objectScans.upsertMany([withEmail('a.txt'), scan('b.txt')]);
      expect(await objectScans.get({ ...bucket, key: 'a.txt' })).toEqual(withEmail('a.txt'));
      expect(await objectScans.get({ ...bucket, key: 'zzz' })).toBeNull();
      const rescan = scan('a.txt', { etag: '"a.txt-2"', scannedAt: at(9) });
      await objectScans.upsertMany([rescan]);
      expect(await objectScans.get({ ...bucket, key: 'a.txt' })).toEqual(rescan);
    });

    it('forgets the scans of given keys in one bucket only, and counts what it removed', async () => {
      const { objectScans } = store();
      await objectScans.upsertMany([
        withEmail('gone.csv'),
        scan('kept.txt'),
        { ...withEmail('gone.csv'), bucket: 'other' },
      ]);
      expect(await objectScans.deleteKeys(bucket, ['gone.csv', 'gone.csv', 'never-scanned'])).toBe(
        1,
      );
      expect((await objectScans.listForBucket(bucket)).map((s) => s.key)).toEqual(['kept.txt']);
      expect(await objectScans.get({ ...bucket, bucket: 'other', key: 'gone.csv' })).not.toBeNull();
      const [rollup] = (await objectScans.rollups()).filter((r) => r.bucket === 'data');
      expect(rollup).toMatchObject({ objectsScanned: 1, objectsWithFindings: 0 });
      expect(await objectScans.deleteKeys(bucket, [])).toBe(0);
    });

    it('lists one bucket ordered by key, optionally only some keys, and keeps hostile keys verbatim', async () => {
      const { objectScans } = store();
      const hostile = '../../<script>.html';
      await objectScans.upsertMany([
        scan('b'),
        scan(hostile),
        scan('a'),
        { ...scan('a'), bucket: 'other' },
        { ...scan('a'), connection: 'prod' },
      ]);
      const all = await objectScans.listForBucket(bucket);
      expect(all.map((s) => s.key)).toEqual([hostile, 'a', 'b']);
      const some = await objectScans.listForBucket(bucket, { keys: ['b', 'a', 'missing'] });
      expect(some.map((s) => s.key)).toEqual(['a', 'b']);
      expect(await objectScans.listForBucket(bucket, { keys: [] })).toEqual([]);
    });

    it('takes repeated keys in one batch, the last one winning', async () => {
      const { objectScans } = store();
      await objectScans.upsertMany([scan('a'), withEmail('a')]);
      expect(await objectScans.listForBucket(bucket)).toEqual([withEmail('a')]);
    });

    it('rolls up per bucket: objects, objects with findings, summed counts, max confidence, last scan', async () => {
      const { objectScans } = store();
      await objectScans.upsertMany([
        withEmail('a'),
        withEmail('b', {
          counts: { email: 1, aws_access_key: 1 },
          maxConfidence: 0.99,
          scannedAt: at(7),
        }),
        scan('c'),
        { ...scan('x'), bucket: 'quiet' },
        { ...withEmail('y'), connection: 'prod' },
      ]);
      expect(await objectScans.rollups({ connection: 'lab' })).toEqual([
        {
          ...bucket,
          objectsScanned: 3,
          objectsWithFindings: 2,
          counts: { email: 3, aws_access_key: 1 },
          maxConfidence: 0.99,
          lastScannedAt: at(7),
        },
        {
          ...bucket,
          bucket: 'quiet',
          objectsScanned: 1,
          objectsWithFindings: 0,
          counts: {},
          maxConfidence: 0,
          lastScannedAt: at(1),
        },
      ]);
      expect((await objectScans.rollups()).map((r) => r.connection)).toEqual([
        'lab',
        'lab',
        'prod',
      ]);
    });

    it('refuses an unmasked-looking shape: confidence out of range, too many samples, empty key', async () => {
      const { objectScans } = store();
      await expect(objectScans.upsertMany([scan('a', { maxConfidence: 2 })])).rejects.toMatchObject(
        {
          code: 'invalid_input',
        },
      );
      const sample = { type: 'email', ruleId: 'email', masked: 'x', confidence: 0.5, line: 1 };
      await expect(
        objectScans.upsertMany([scan('a', { samples: Array.from({ length: 51 }, () => sample) })]),
      ).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(objectScans.upsertMany([scan('')])).rejects.toMatchObject({
        code: 'invalid_input',
      });
      expect(await objectScans.listForBucket(bucket)).toEqual([]);
    });
  });
}
