import { describe, expect, it } from 'vitest';
import { bucketStatistics } from './statistics';
import { memoryConnection } from './test-connections';

const NOW = Date.parse('2025-06-30T00:00:00Z');
const daysAgo = (days: number) => new Date(NOW - days * 86_400_000).toISOString();

describe('bucketStatistics', () => {
  it('counts objects and bytes per class with an age histogram, oldest and newest', async () => {
    const { storage } = memoryConnection('s3', 'aws', [
      {
        account: '1',
        bucket: 'stats',
        objects: [
          { key: 'a', body: 'x'.repeat(10), lastModified: daysAgo(1) },
          { key: 'b', body: 'x'.repeat(20), lastModified: daysAgo(45) },
          { key: 'dir/c', body: 'x'.repeat(30), lastModified: daysAgo(400) },
          {
            key: 'dir/d',
            body: 'x'.repeat(5),
            lastModified: daysAgo(200),
            storageClass: 'GLACIER',
          },
          { key: 'e', body: '', lastModified: daysAgo(-2) },
        ],
      },
    ]);
    const stats = await bucketStatistics(
      storage,
      { connection: 's3', account: '1', bucket: 'stats' },
      { now: NOW },
    );
    expect(stats.objects).toBe(5);
    expect(stats.bytes).toBe(65);
    expect(stats.oldest).toBe(daysAgo(400));
    expect(stats.newest).toBe(daysAgo(-2));
    expect(stats.classes.map((c) => [c.storageClass, c.objects, c.bytes])).toEqual([
      ['STANDARD', 4, 60],
      ['GLACIER', 1, 5],
    ]);
    const standard = stats.classes[0];
    expect(standard?.ages).toEqual([
      { band: '0-30', objects: 2, bytes: 10 },
      { band: '30-90', objects: 1, bytes: 20 },
      { band: '90-180', objects: 0, bytes: 0 },
      { band: '180-365', objects: 0, bytes: 0 },
      { band: '>365', objects: 1, bytes: 30 },
    ]);
    expect(stats.classes[1]?.ages.find((a) => a.objects > 0)?.band).toBe('180-365');
    expect(stats.measuredAt).toBe(new Date(NOW).toISOString());
  });

  it('ages an object from its last read where the listing reports one', async () => {
    const { storage } = memoryConnection('az', 'azure', [{ account: 'acct', bucket: 'c' }]);
    const entry = (key: string, modified: number, accessed?: number | null) => ({
      kind: 'object' as const,
      key,
      size: 10,
      lastModified: daysAgo(modified),
      etag: null,
      storageClass: 'Hot',
      ...(accessed === undefined
        ? {}
        : { lastAccessedAt: accessed === null ? null : daysAgo(accessed) }),
    });
    const tracked: typeof storage = {
      ...storage,
      listObjects: async function* () {
        yield await Promise.resolve({
          entries: [
            entry('read-lately', 400, 3),
            entry('never-read', 400, null),
            entry('s3-like', 400),
          ],
          cursor: null,
        });
      },
    };
    const stats = await bucketStatistics(
      tracked,
      { connection: 'az', account: 'acct', bucket: 'c' },
      { now: NOW },
    );
    expect(stats.classes[0]?.ages.filter((a) => a.objects > 0)).toEqual([
      { band: '0-30', objects: 1, bytes: 10 },
      { band: '>365', objects: 2, bytes: 20 },
    ]);
  });

  it('answers zeros for an empty bucket and not_found for a missing one', async () => {
    const { storage } = memoryConnection('s3', 'aws', [{ account: '1', bucket: 'empty' }]);
    const stats = await bucketStatistics(storage, {
      connection: 's3',
      account: '1',
      bucket: 'empty',
    });
    expect(stats).toMatchObject({ objects: 0, bytes: 0, classes: [], oldest: null, newest: null });
    await expect(
      bucketStatistics(storage, { connection: 's3', account: '1', bucket: 'missing' }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
