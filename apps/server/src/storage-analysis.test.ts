import { makeResource, type ProviderConnection } from '@ccx/core';
import { STORAGE_FINDING_KINDS } from '@ccx/api';
import { createMemoryStorage } from '@ccx/provider-testing';
import { openStore, type Store } from '@ccx/store';
import type { SyncEvent, SyncService, SyncSummary } from '@ccx/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scheduleStorageAnalysis } from './storage-analysis';

const ACCOUNT = '111111111111';

function fakeSync() {
  const listeners = new Set<(event: SyncEvent) => void>();
  const service = {
    subscribe(listener: (event: SyncEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as SyncService;
  const complete = (status: SyncSummary['status']) => {
    for (const listener of listeners)
      listener({
        type: 'run.completed',
        runId: 'r1',
        at: new Date().toISOString(),
        summary: { status } as SyncSummary,
      });
  };
  return { service, complete, listeners };
}

function captureLogger() {
  const lines: { level: string; obj: object; msg?: string }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => lines.push({ level, obj, msg });
  return {
    lines,
    logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
  };
}

let store: Store;
beforeEach(async () => {
  store = await openStore({ url: ':memory:' });
});
afterEach(async () => {
  await store.close();
});

async function setup() {
  const storage = createMemoryStorage({ connection: 'mem' });
  const data = storage.addBucket({
    account: ACCOUNT,
    bucket: 'data',
    publicAccess: { public: true, reasons: ['policy-public'], blockPublicAccess: false },
  });
  storage.addObject(data, {
    key: 'people.csv',
    body: 'name,email\nAda,ada.lovelace@example.com\n',
  });
  storage.addObject(data, { key: 'notes.txt', body: 'nothing to see here' });
  const bucket = await storage.getBucket(data);
  const resources = [
    makeResource({
      provider: 'aws',
      account: ACCOUNT,
      region: 'us-east-1',
      type: 's3.bucket',
      id: 'data',
      name: 'data',
      state: null,
      tags: {},
      createdAt: null,
      attributes: { ...bucket },
    }),
    // In the inventory but gone from the provider: its analysis fails, the others go on.
    makeResource({
      provider: 'aws',
      account: ACCOUNT,
      region: 'us-east-1',
      type: 's3.bucket',
      id: 'gone',
      name: 'gone',
      state: null,
      tags: {},
      createdAt: null,
      attributes: { ...bucket, bucket: 'gone' },
    }),
  ];
  await store.resources.applyBatch({
    scope: { connection: 'mem', provider: 'aws', account: ACCOUNT, region: 'us-east-1' },
    type: 's3.bucket',
    runId: 'seed',
    resources,
  });
  const connection: ProviderConnection = {
    provider: 'aws',
    name: 'mem',
    scopes: () => Promise.resolve([]),
    storage,
    close: () => Promise.resolve(),
  };
  const uid = resources[0]!.uid;
  return { storage, data, connections: new Map([['mem', connection]]), uid };
}

describe('storage analysis', () => {
  it('analyses synced buckets after a completed sync, logging a failing bucket and going on', async () => {
    const { connections, uid } = await setup();
    const sync = fakeSync();
    const { logger, lines } = captureLogger();
    const analysis = scheduleStorageAnalysis({ store, sync: sync.service, connections, logger });
    sync.complete('failed');
    expect(await store.objectScans.rollups()).toEqual([]);
    sync.complete('partial');
    await analysis.runNow();
    const findings = await store.findings.list({ resourceUid: [uid] });
    const posture = findings.filter((f) => f.kind === STORAGE_FINDING_KINDS.posture);
    expect(posture.map((f) => f.subject)).toEqual(
      expect.arrayContaining(['block-public-access', 'public-access']),
    );
    expect(findings.find((f) => f.kind === STORAGE_FINDING_KINDS.classification)).toMatchObject({
      evidence: { objectsWithFindings: 1, counts: { EMAIL: 1 } },
    });
    expect(
      (
        await store.objectScans.listForBucket({
          connection: 'mem',
          account: ACCOUNT,
          bucket: 'data',
        })
      ).map((s) => s.key),
    ).toEqual(['notes.txt', 'people.csv']);
    expect(
      lines.some((l) => l.level === 'warn' && l.msg === 'storage analysis of a bucket failed'),
    ).toBe(true);
    await analysis.close();
    expect(sync.listeners.size).toBe(0);
  });

  it('rescans only objects whose etag changed', async () => {
    const { connections, storage, data } = await setup();
    const sync = fakeSync();
    const { logger } = captureLogger();
    const analysis = scheduleStorageAnalysis({ store, sync: sync.service, connections, logger });
    await analysis.runNow();
    const ref = { connection: 'mem', account: ACCOUNT, bucket: 'data' };
    const first = await store.objectScans.listForBucket(ref);
    await new Promise((resolve) => setTimeout(resolve, 5));
    storage.addObject(data, { key: 'notes.txt', body: 'now with bob@example.org inside' });
    await analysis.runNow();
    const second = await store.objectScans.listForBucket(ref);
    const at = (scans: typeof first, key: string) => scans.find((s) => s.key === key)?.scannedAt;
    expect(at(second, 'people.csv')).toBe(at(first, 'people.csv'));
    expect(at(second, 'notes.txt')).not.toBe(at(first, 'notes.txt'));
    expect(second.find((s) => s.key === 'notes.txt')?.counts).toEqual({ EMAIL: 1 });
    await analysis.close();
    await analysis.runNow();
  });
});
