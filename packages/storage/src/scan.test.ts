import { describe, expect, it } from 'vitest';
import type { ObjectStorage } from '@ccx/core';
import { scanObjects, type ObjectScan, type ScanOptions } from './scan';
import { memoryConnection } from './test-connections';

const BUCKET = { connection: 'mem', account: '1', bucket: 'data' };
const PII = 'Ana Silva, email ana.silva@example.com, credit card 4111 1111 1111 1111\n';

function seeded() {
  return memoryConnection('mem', 'aws', [
    {
      account: '1',
      bucket: 'data',
      objects: [
        { key: 'people.csv', body: PII, contentType: 'text/csv' },
        { key: 'conf/.env', body: 'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLQ\n' },
        {
          key: 'logo.png',
          body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 0, 0]),
        },
        { key: 'cold/old.csv', body: PII, storageClass: 'GLACIER' },
        { key: 'empty.txt', body: '' },
        { key: 'late.txt', body: `${'filler line\n'.repeat(200)}late@example.com\n` },
      ],
    },
  ]);
}

async function scanAll(
  storage: ObjectStorage,
  options?: ScanOptions,
): Promise<Map<string, ObjectScan>> {
  const out = new Map<string, ObjectScan>();
  for await (const scan of scanObjects(storage, BUCKET, options)) out.set(scan.key, scan);
  return out;
}

describe('scanObjects', () => {
  it('classifies text objects and says why the others were skipped', async () => {
    const scans = await scanAll(seeded().storage);
    expect(scans.get('people.csv')).toMatchObject({ status: 'scanned', size: PII.length });
    expect(
      scans
        .get('people.csv')
        ?.matches.map((m) => m.type)
        .sort(),
    ).toEqual(['CREDIT_CARD', 'EMAIL']);
    expect(scans.get('people.csv')?.matches.every((m) => !m.masked.includes('ana.silva'))).toBe(
      true,
    );
    expect(scans.get('conf/.env')?.matches.map((m) => m.type)).toEqual(['SECRET']);
    expect(scans.get('logo.png')).toMatchObject({
      status: 'skipped',
      reason: 'not-text',
      matches: [],
    });
    expect(scans.get('cold/old.csv')).toMatchObject({ status: 'skipped', reason: 'archived' });
    expect(scans.get('empty.txt')).toMatchObject({ status: 'skipped', reason: 'empty' });
  });

  it('reads only the first sampleBytes of each object, with a range request', async () => {
    const { storage } = seeded();
    const ranges: (string | undefined)[] = [];
    const recording: ObjectStorage = {
      ...storage,
      getObject: (ref, options) => {
        ranges.push(
          options?.range === undefined ? undefined : `${options.range.start}-${options.range.end}`,
        );
        return storage.getObject(ref, options);
      },
    };
    const scans = await scanAll(recording, { sampleBytes: 1024, prefix: 'late' });
    expect(ranges).toEqual(['0-1023']);
    expect(scans.get('late.txt')).toMatchObject({ status: 'scanned', matches: [] });
    const whole = await scanAll(storage, { prefix: 'late' });
    expect(whole.get('late.txt')?.matches.map((m) => m.type)).toEqual(['EMAIL']);
  });

  it('stops after maxObjects, honours skip, and keeps going past an unreadable object', async () => {
    const { storage } = seeded();
    const read = (scans: Map<string, ObjectScan>) =>
      [...scans.values()].filter(
        (scan) => !['archived', 'unchanged', 'empty'].includes(scan.reason ?? ''),
      );
    const first = read(await scanAll(storage, { maxObjects: 2 }));
    expect(first).toHaveLength(2);
    // A rerun that skips what it read goes on to the next objects instead of stopping there.
    const done = new Set(first.map((scan) => scan.key));
    const next = read(await scanAll(storage, { maxObjects: 2, skip: ({ key }) => done.has(key) }));
    expect(next).toHaveLength(2);
    expect(next.filter((scan) => done.has(scan.key))).toEqual([]);

    const skipped = await scanAll(storage, { skip: ({ key }) => key === 'people.csv' });
    expect(skipped.get('people.csv')).toMatchObject({ status: 'skipped', reason: 'unchanged' });

    const failing: ObjectStorage = {
      ...storage,
      getObject: (ref, options) =>
        ref.key === 'conf/.env'
          ? Promise.reject(new Error('AccessDenied'))
          : storage.getObject(ref, options),
    };
    const scans = await scanAll(failing);
    expect(scans.get('conf/.env')).toMatchObject({
      status: 'skipped',
      reason: 'read-failed: AccessDenied',
    });
    expect(scans.get('people.csv')?.status).toBe('scanned');
  });

  it('keeps at most `concurrency` reads in flight', async () => {
    const { storage } = seeded();
    for (let i = 0; i < 30; i += 1)
      storage.addObject(BUCKET, { key: `many/${i}.txt`, body: `row ${i}` });
    let inFlight = 0;
    let peak = 0;
    const slow: ObjectStorage = {
      ...storage,
      getObject: async (ref, options) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        try {
          return await storage.getObject(ref, options);
        } finally {
          inFlight -= 1;
        }
      },
    };
    const scans = await scanAll(slow, { prefix: 'many/', concurrency: 3 });
    expect(scans.size).toBe(30);
    expect(peak).toBe(3);
  });

  it('refuses a non-positive bound and stops when aborted', async () => {
    const { storage } = seeded();
    await expect(scanAll(storage, { maxObjects: 0 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    const controller = new AbortController();
    controller.abort();
    await expect(scanAll(storage, { signal: controller.signal })).rejects.toThrow();
  });
});
