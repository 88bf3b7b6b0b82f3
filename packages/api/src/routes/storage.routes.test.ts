import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeResource, type BucketRef } from '@ccx/core';
import { analyzeBucket } from '../storage/analyze-bucket';
import { syncedBuckets } from '../storage/bucket-resources';
import { STORAGE_FINDING_KINDS } from '../storage/kinds';
import { memoryConnection } from '../storage/testing';
import { createHarness, type Caller, type Harness } from '../testing/harness';

const s3 = memoryConnection('mem', 'aws');
const gcs = memoryConnection('gmem', 'gcp');
let h: Harness;
let viewer: Caller;
let operator: Caller;
let admin: Caller;
let data: BucketRef;

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
const json = (body: unknown) => JSON.stringify(body);

beforeAll(async () => {
  h = await createHarness({ connections: [s3.connection, gcs.connection] });
  for (const role of ['viewer', 'operator', 'admin'] as const) await h.addUser(role, role);
  viewer = await h.login('viewer');
  operator = await h.login('operator');
  admin = await h.login('admin');
  data = s3.storage.addBucket({ account: '111111111111', bucket: 'data' });
  gcs.storage.addBucket({ account: 'proj-1', bucket: 'archive' });
  s3.storage.addObject(data, { key: 'docs/a.txt', body: 'hello' });
  s3.storage.addObject(data, { key: '../../x', body: 'traversal' });
  s3.storage.addObject(data, { key: '<script>.html', body: '<script>alert(1)</script>' });
  s3.storage.addObject(data, {
    key: 'people.csv',
    body: 'name,email\nAda,ada.lovelace@example.com\nBob,bob@example.org\n',
  });
});
afterAll(async () => {
  await h.close();
});

const ref = () => ({ connection: 'mem', account: data.account, bucket: data.bucket });

async function auditOf(action: string) {
  return (await h.store.audit.list({ action, offset: 0, limit: 50 })).items;
}

describe('storage routes', () => {
  it('lists storage connections with their classes and versioning capability', async () => {
    const response = await h.request('/api/storage/connections', { as: viewer });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: { name: string; capabilities: unknown }[] };
    expect(body.items.map((c) => c.name)).toEqual(['mem', 'gmem']);
    expect(body.items[0]).toMatchObject({
      provider: 'aws',
      sandbox: true,
      capabilities: { versioning: true },
    });
  });

  it('lets a viewer list one page with folded prefixes and a cursor', async () => {
    const response = await h.request(
      `/api/storage/objects?${q({ ...ref(), delimiter: '/', limit: '2' })}`,
      { as: viewer },
    );
    expect(response.status).toBe(200);
    const page = (await response.json()) as { entries: { kind: string }[]; cursor: string | null };
    expect(page.entries).toHaveLength(2);
    expect(page.cursor).not.toBeNull();
  });

  it('answers 400 with field paths for invalid queries and bodies', async () => {
    const response = await h.request(
      `/api/storage/objects?${q({ connection: 'mem', limit: '5000' })}`,
      {
        as: viewer,
      },
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { details: { fields: { path: string }[] } } };
    expect(body.error.details.fields.map((f) => f.path)).toEqual(
      expect.arrayContaining(['query.account', 'query.bucket', 'query.limit']),
    );
    const bad = await h.request('/api/storage/presign', {
      method: 'POST',
      as: operator,
      body: json({ ...ref(), key: 'a\u0007b', method: 'GET', expiresInSeconds: 5 }),
    });
    expect(bad.status).toBe(400);
    const fields = ((await bad.json()) as { error: { details: { fields: { path: string }[] } } })
      .error.details.fields;
    expect(fields.map((f) => f.path).sort()).toEqual(['json.expiresInSeconds', 'json.key']);
  });

  it('downloads as an inert attachment with hostile names safely encoded, and audits it', async () => {
    for (const [key, fallback, encoded] of [
      ['../../x', 'x', 'x'],
      ['<script>.html', '_script_.html', '%3Cscript%3E.html'],
    ] as const) {
      const response = await h.request(`/api/storage/download?${q({ ...ref(), key })}`, {
        as: viewer,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/octet-stream');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toBe('sandbox');
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`,
      );
      await response.arrayBuffer();
    }
    const entries = await auditOf('storage.download');
    expect(entries.map((e) => e.outcome).sort()).toEqual([
      'pending',
      'pending',
      'success',
      'success',
    ]);
    // The outcome is written once the last byte went out, with the count.
    expect(entries.filter((e) => e.outcome === 'success').map((e) => e.detail.bytes)).toEqual(
      expect.arrayContaining([9, 25]),
    );
  });

  it('audits a download the provider breaks off as a failure, with the bytes sent', async () => {
    const original = s3.storage.getObject.bind(s3.storage);
    s3.storage.getObject = async (target, options) => {
      const { info } = await original(target, options);
      async function* broken(): AsyncIterable<Uint8Array> {
        yield await Promise.resolve(new Uint8Array([1, 2, 3]));
        throw new Error('connection reset by the provider');
      }
      return { info, body: broken() };
    };
    try {
      const response = await h.request(
        `/api/storage/download?${q({ ...ref(), key: 'docs/a.txt' })}`,
        { as: viewer },
      );
      expect(response.status).toBe(200);
      await expect(response.arrayBuffer()).rejects.toThrow();
    } finally {
      s3.storage.getObject = original;
    }
    await vi.waitFor(async () => {
      const failures = (await auditOf('storage.download')).filter((e) => e.outcome === 'failure');
      expect(failures.map((e) => e.detail)).toEqual([
        expect.objectContaining({ bytes: 3, code: 'internal' }),
      ]);
    });
  });

  it('refuses uploads from a viewer and from a session without the CSRF token', async () => {
    const path = `/api/storage/upload?${q({ ...ref(), key: 'x.bin' })}`;
    const asViewer = await h.request(path, { method: 'PUT', body: 'x', as: viewer });
    expect(asViewer.status).toBe(403);
    const noCsrf = await h.request(path, {
      method: 'PUT',
      body: 'x',
      as: { ...(operator.cookie ? { cookie: operator.cookie } : {}) },
    });
    expect(noCsrf.status).toBe(403);
    expect(
      ((await noCsrf.json()) as { error: { details: { reason: string } } }).error.details.reason,
    ).toBe('csrf');
  });

  it('streams a multi-megabyte upload past the JSON body limit and audits it', async () => {
    const size = 5 * 1024 * 1024 + 17;
    const chunk = new Uint8Array(256 * 1024).fill(7);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= size) return controller.close();
        const piece = chunk.subarray(0, Math.min(chunk.length, size - sent));
        sent += piece.length;
        controller.enqueue(piece);
      },
    });
    const response = await h.request(
      `/api/storage/upload?${q({ ...ref(), key: 'big/blob.bin' })}`,
      {
        method: 'PUT',
        body,
        duplex: 'half',
        headers: { 'content-type': 'application/x-test', 'content-length': String(size) },
        as: operator,
      },
    );
    expect(response.status).toBe(200);
    const { info } = (await response.json()) as { info: { size: number; contentType: string } };
    expect(info).toMatchObject({ size, contentType: 'application/x-test' });
    const entries = await auditOf('storage.upload');
    expect(entries.map((e) => e.outcome).sort()).toEqual(['pending', 'success']);
    expect(entries[0]?.target).toBe('mem:s3://data/big/blob.bin');
  });

  it('presigns for an operator without writing the URL to the audit log or the logs', async () => {
    const response = await h.request('/api/storage/presign', {
      method: 'POST',
      as: operator,
      body: json({ ...ref(), key: 'docs/a.txt', method: 'GET', expiresInSeconds: 600 }),
    });
    expect(response.status).toBe(200);
    const { url } = (await response.json()) as { url: string };
    expect(url.length).toBeGreaterThan(10);
    const entries = await auditOf('storage.presign');
    expect(entries.map((e) => e.outcome).sort()).toEqual(['pending', 'success']);
    expect(JSON.stringify(entries)).not.toContain(url);
    expect(h.logLines.join('')).not.toContain(url);
    const signature = new URL(url).search;
    if (signature) expect(JSON.stringify(entries)).not.toContain(signature);
  });

  it('needs admin to switch versioning, then lists versions and restores one', async () => {
    const body = json({ ...ref(), enabled: true });
    expect(
      (await h.request('/api/storage/versioning', { method: 'POST', as: operator, body })).status,
    ).toBe(403);
    expect(
      (await h.request('/api/storage/versioning', { method: 'POST', as: admin, body })).status,
    ).toBe(200);
    s3.storage.addObject(data, { key: 'v.txt', body: 'one' });
    s3.storage.addObject(data, { key: 'v.txt', body: 'two' });
    const listed = await h.request(`/api/storage/versions?${q({ ...ref(), key: 'v.txt' })}`, {
      as: viewer,
    });
    const { items } = (await listed.json()) as {
      items: { versionId: string; isLatest: boolean }[];
    };
    expect(items).toHaveLength(2);
    const old = items.find((v) => !v.isLatest)!;
    const restored = await h.request('/api/storage/restore', {
      method: 'POST',
      as: operator,
      body: json({ ...ref(), key: 'v.txt', versionId: old.versionId }),
    });
    expect(restored.status).toBe(200);
    const download = await h.request(`/api/storage/download?${q({ ...ref(), key: 'v.txt' })}`, {
      as: viewer,
    });
    expect(await download.text()).toBe('one');
    const failed = await h.request('/api/storage/restore', {
      method: 'POST',
      as: operator,
      body: json({ ...ref(), key: 'v.txt', versionId: 'no-such-version' }),
    });
    expect(failed.status).toBe(404);
    const outcomes = (await auditOf('storage.restore')).map((e) => e.outcome).sort();
    expect(outcomes).toEqual(['failure', 'pending', 'pending', 'success']);
  });

  it('moves an object across connections and providers, streamed', async () => {
    const response = await h.request('/api/storage/transfer', {
      method: 'POST',
      as: operator,
      body: json({
        mode: 'move',
        source: { ...ref(), key: 'docs/a.txt' },
        target: { connection: 'gmem', account: 'proj-1', bucket: 'archive', key: 'moved/a.txt' },
      }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { info: { size: number } }).info.size).toBe(5);
    const gone = await h.request(`/api/storage/object?${q({ ...ref(), key: 'docs/a.txt' })}`, {
      as: viewer,
    });
    expect(gone.status).toBe(404);
    const moved = await h.request(
      `/api/storage/download?${q({ connection: 'gmem', account: 'proj-1', bucket: 'archive', key: 'moved/a.txt' })}`,
      { as: viewer },
    );
    expect(await moved.text()).toBe('hello');
    const entries = await auditOf('storage.move');
    expect(entries.map((e) => e.outcome).sort()).toEqual(['pending', 'success']);
    expect(entries.find((e) => e.outcome === 'pending')?.detail.to).toBe(
      'gmem:gs://archive/moved/a.txt',
    );
  });

  it('scans a bucket, stores masked results and shows them per object', async () => {
    const response = await h.request('/api/storage/scan', {
      method: 'POST',
      as: operator,
      body: json({ ...ref(), prefix: 'people' }),
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as {
      scanned: number;
      objectsWithFindings: number;
      findings: { type: string; masked: string }[];
    };
    expect(result).toMatchObject({ scanned: 1, objectsWithFindings: 1 });
    expect(result.findings.map((f) => f.type)).toEqual(['EMAIL', 'EMAIL']);
    expect(JSON.stringify(result)).not.toContain('ada.lovelace@example.com');
    const detail = await h.request(`/api/storage/object?${q({ ...ref(), key: 'people.csv' })}`, {
      as: viewer,
    });
    const { findings, scannedAt } = (await detail.json()) as {
      findings: unknown[];
      scannedAt: string | null;
    };
    expect(findings).toHaveLength(2);
    expect(scannedAt).not.toBeNull();
    const stored = await h.request(`/api/storage/findings?${q(ref())}`, { as: viewer });
    const items = (
      (await stored.json()) as { items: { key: string; counts: Record<string, number> }[] }
    ).items;
    expect(items).toEqual([expect.objectContaining({ key: 'people.csv', counts: { EMAIL: 2 } })]);
    const listing = await h.request(`/api/storage/objects?${q({ ...ref(), prefix: 'people' })}`, {
      as: viewer,
    });
    const { entries } = (await listing.json()) as { entries: { findings?: { counts: unknown } }[] };
    expect(entries[0]?.findings?.counts).toEqual({ EMAIL: 2 });
    expect((await auditOf('storage.scan')).map((e) => e.outcome).sort()).toEqual([
      'pending',
      'success',
    ]);
  });

  it('deletes in batch, reporting per key, and refuses an empty batch', async () => {
    const response = await h.request('/api/storage/delete', {
      method: 'POST',
      as: operator,
      body: json({ ...ref(), keys: [{ key: '../../x' }, { key: 'people.csv' }] }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { deleted: string[] }).deleted.sort()).toEqual([
      '../../x',
      'people.csv',
    ]);
    // people.csv was scanned above; once deleted, its findings no longer count.
    expect(await h.store.objectScans.get({ ...ref(), key: 'people.csv' })).toBeNull();
    const empty = await h.request('/api/storage/delete', {
      method: 'POST',
      as: operator,
      body: json({ ...ref(), keys: [] }),
    });
    expect(empty.status).toBe(400);
  });
});

describe('bucket views', () => {
  it('join the synced inventory with posture, stored scans and tiering findings', async () => {
    const bucket = await s3.storage.getBucket(data);
    const resource = makeResource({
      provider: 'aws',
      account: data.account,
      region: 'us-east-1',
      type: 's3.bucket',
      id: 'data',
      name: 'data',
      state: null,
      tags: {},
      createdAt: null,
      attributes: { ...bucket, logging: null },
    });
    await h.store.resources.applyBatch({
      scope: { connection: 'mem', provider: 'aws', account: data.account, region: 'us-east-1' },
      type: 's3.bucket',
      runId: 'seed',
      resources: [resource],
    });
    await h.store.findings.replaceForResource({
      kind: STORAGE_FINDING_KINDS.tiering,
      resourceUid: resource.uid,
      findings: [
        {
          subject: 'STANDARD->GLACIER',
          severity: 'low',
          title: 'move',
          evidence: {},
          estimatedMonthlyImpact: { amount: 1.25, currency: 'USD' },
        },
      ],
    });
    // A scan result of its own (the routes above deleted the object they scanned).
    await h.store.objectScans.upsertMany([
      {
        ...ref(),
        key: 'team.csv',
        etag: null,
        scannedAt: new Date().toISOString(),
        counts: { EMAIL: 2 },
        maxConfidence: 0.9,
        samples: [],
      },
    ]);
    const response = await h.request('/api/storage/buckets?provider=aws', { as: viewer });
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as {
      items: {
        uid: string;
        posture: { id: string; status: string; cis: string[] }[];
        tiering: unknown;
        classification: unknown;
        statistics: unknown;
      }[];
    };
    expect(items).toHaveLength(1);
    expect(items[0]?.uid).toBe(resource.uid);
    expect(items[0]?.posture.find((p) => p.id === 'access-logging')?.status).toBe('unknown');
    expect(items[0]?.posture.find((p) => p.id === 'public-access')?.cis).toEqual(['CIS AWS 2.1.4']);
    expect(items[0]?.tiering).toEqual({
      estimatedMonthlySaving: { amount: 1.25, currency: 'USD' },
      recommendations: 1,
    });
    expect(items[0]?.classification).toEqual({ objectsWithFindings: 1, counts: { EMAIL: 2 } });
    expect(items[0]?.statistics).toBeNull();
    const none = await h.request('/api/storage/buckets?provider=gcp', { as: viewer });
    expect(((await none.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('carry the last measurement of storage analysis: totals and the class mix, largest first', async () => {
    const ref = gcs.storage.addBucket({ account: 'proj-1', bucket: 'media' });
    gcs.storage.addObject(ref, { key: 'a.bin', body: 'x'.repeat(100), storageClass: 'NEARLINE' });
    gcs.storage.addObject(ref, {
      key: '<img src=x>.bin',
      body: 'x'.repeat(30),
      storageClass: 'STANDARD',
      lastModified: '2025-01-01T00:00:00.000Z',
    });
    gcs.storage.addObject(ref, { key: 'b.bin', body: 'x'.repeat(20), storageClass: 'STANDARD' });
    const resource = makeResource({
      provider: 'gcp',
      account: ref.account,
      region: 'us',
      type: 'gcs.bucket',
      id: ref.bucket,
      name: ref.bucket,
      state: null,
      tags: {},
      createdAt: null,
      attributes: { ...(await gcs.storage.getBucket(ref)) },
    });
    await h.store.resources.applyBatch({
      scope: { connection: 'gmem', provider: 'gcp', account: ref.account, region: 'us' },
      type: 'gcs.bucket',
      runId: 'seed',
      resources: [resource],
    });
    const measuredAt = new Date('2026-11-25T12:00:00.000Z');
    const [synced] = await syncedBuckets(h.store, { provider: 'gcp' });
    await analyzeBucket(h.store, gcs.storage, synced!, { now: () => measuredAt });

    const response = await h.request('/api/storage/buckets?provider=gcp', { as: viewer });
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: { statistics: unknown }[] };
    expect(items.map((item) => item.statistics)).toEqual([
      {
        objects: 3,
        bytes: 150,
        classes: [
          { storageClass: 'NEARLINE', objects: 1, bytes: 100 },
          { storageClass: 'STANDARD', objects: 2, bytes: 50 },
        ],
        oldest: '2025-01-01T00:00:00.000Z',
        newest: expect.any(String) as string,
        measuredAt: measuredAt.toISOString(),
      },
    ]);
  });
});
