import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@ccx/store';
import { analyzeBucket } from './analyze-bucket';
import { STORAGE_FINDING_KINDS } from './kinds';
import { memoryConnection } from './testing';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

let store: Store;
beforeEach(async () => {
  store = await openStore({ url: ':memory:' });
});
afterEach(async () => {
  await store.close();
});

describe('analyzeBucket', () => {
  it('stops counting the findings of objects deleted since they were scanned', async () => {
    const { storage } = memoryConnection('mem', 'aws');
    const ref = storage.addBucket({ account: '111111111111', bucket: 'exports' });
    const synced = {
      uid: 'aws:111111111111:s3.bucket:exports',
      bucket: await storage.getBucket(ref),
    };
    storage.addObject(ref, { key: 'a.csv', body: 'email\nada.lovelace@example.com\n' });
    storage.addObject(ref, { key: 'b.csv', body: 'email\nbob.moreau@example.org\n' });
    const rollup = async () =>
      (await store.objectScans.rollups()).find((r) => r.bucket === 'exports');

    await analyzeBucket(store, storage, synced, { now: () => NOW });
    expect(await rollup()).toMatchObject({ objectsScanned: 2, objectsWithFindings: 2 });

    // Deleted behind ccx's back: the next analysis's walk no longer lists it.
    await storage.deleteObjects(ref, [{ key: 'a.csv' }]);
    await analyzeBucket(store, storage, synced, { now: () => NOW });
    expect(await rollup()).toMatchObject({ objectsScanned: 1, objectsWithFindings: 1 });
    expect(await store.objectScans.get({ ...ref, key: 'a.csv' })).toBeNull();
  });

  it('keeps the measurement of the bucket next to its findings, replaced by the next analysis', async () => {
    const { storage } = memoryConnection('mem', 'aws');
    const ref = storage.addBucket({ account: '111111111111', bucket: 'logs' });
    const bucket = await storage.getBucket(ref);
    const synced = { uid: 'aws:111111111111:s3.bucket:logs', bucket };
    const cold = 'x'.repeat(2_000_000);
    storage.addObject(ref, { key: 'old/a.log', body: cold, lastModified: daysAgo(400) });
    storage.addObject(ref, { key: 'old/b.log', body: cold, lastModified: daysAgo(200) });
    storage.addObject(ref, {
      key: '../<b>.log',
      body: 'abc',
      storageClass: 'GLACIER',
      lastModified: daysAgo(10),
    });

    await analyzeBucket(store, storage, synced, { now: () => NOW });
    const stored = await store.bucketStatistics.get(synced.uid);
    expect(stored).toMatchObject({
      resourceUid: synced.uid,
      measuredAt: NOW.toISOString(),
      objects: 3,
      bytes: 4_000_003,
      oldest: daysAgo(400),
      newest: daysAgo(10),
    });
    expect(stored?.classes.map((c) => [c.storageClass, c.objects, c.bytes])).toEqual([
      ['STANDARD', 2, 4_000_000],
      ['GLACIER', 1, 3],
    ]);
    expect(stored?.classes[0]?.ages.find((age) => age.band === '>365')).toEqual({
      band: '>365',
      objects: 1,
      bytes: 2_000_000,
    });

    const tiering = () => store.findings.list({ kind: [STORAGE_FINDING_KINDS.tiering] });
    expect((await tiering()).length).toBeGreaterThan(0);

    await storage.deleteObjects(ref, [{ key: 'old/a.log' }, { key: 'old/b.log' }]);
    const later = new Date(NOW.getTime() + 60_000);
    await analyzeBucket(store, storage, synced, { now: () => later });
    expect(await store.bucketStatistics.get(synced.uid)).toMatchObject({
      measuredAt: later.toISOString(),
      objects: 1,
      bytes: 3,
      classes: [{ storageClass: 'GLACIER', objects: 1, bytes: 3 }],
    });
    expect(await tiering()).toEqual([]);
  });
});
