import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Storage } from '@google-cloud/storage';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FaultInjector } from '../faults/fault-injector';
import { StatsCounter } from '../stats';
import { startGcsServer, type GcsServer } from './gcs-server';
import { storageClient } from './testing';

let server: GcsServer;
let prod: Storage;
let data: Storage;
const faults = new FaultInjector(7);
const stats = new StatsCounter(Date.now());
/** Shifts the simulator's clock, so a signed URL can be seen to expire without waiting. */
let clockOffsetMs = 0;

beforeAll(async () => {
  server = await startGcsServer({
    host: '127.0.0.1',
    port: 0,
    projects: ['ccx-sandbox-prod', 'ccx-sandbox-data'],
    buckets: [],
    faults,
    stats,
    now: () => Date.now() + clockOffsetMs,
    onError: (error) => {
      throw error;
    },
  });
  const [prodProject, dataProject] = server.projects;
  prod = storageClient(server.url, prodProject!);
  data = storageClient(server.url, dataProject!);
  await prod.createBucket('gcs-test-main', { location: 'us-east1' });
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  faults.set('');
  stats.reset(Date.now());
});

describe('GCS simulator through @google-cloud/storage', () => {
  it('stores, lists with prefix/delimiter across pages, reads whole and by range', async () => {
    const bucket = prod.bucket('gcs-test-main');
    const names = ['docs/a.txt', 'docs/b.txt', 'docs/deep/c.txt', 'img/x.png', 'root.txt'];
    for (const name of names) await bucket.file(name).save(`body of ${name}`, { resumable: false });
    const [files, , response] = await bucket.getFiles({ delimiter: '/', autoPaginate: false });
    expect(files.map((f) => f.name)).toEqual(['root.txt']);
    expect((response as { prefixes: string[] }).prefixes).toEqual(['docs/', 'img/']);

    const seen: string[] = [];
    let query: { pageToken?: string } | null = {};
    while (query) {
      const [page, next]: [{ name: string }[], { pageToken?: string } | null] =
        (await bucket.getFiles({
          prefix: 'docs/',
          maxResults: 2,
          autoPaginate: false,
          ...query,
        })) as never;
      seen.push(...page.map((f) => f.name));
      query = next;
    }
    expect(seen).toEqual(['docs/a.txt', 'docs/b.txt', 'docs/deep/c.txt']);

    const [whole] = await bucket.file('docs/a.txt').download();
    expect(whole.toString()).toBe('body of docs/a.txt');
    const [part] = await bucket.file('docs/a.txt').download({ start: 8, end: 11 });
    expect(part.toString()).toBe('docs');
  });

  it('takes a chunked resumable upload (308 with Range until the last chunk) and reports metadata', async () => {
    const file = prod.bucket('gcs-test-main').file('big/blob.bin', {});
    const payload = Buffer.alloc(600 * 1024, 7);
    payload.write('tail', payload.length - 4);
    const metadata = { contentType: 'application/x-test', metadata: { owner: 'qa' } };
    // The session is opened by createResumableUpload, which authenticates against a custom
    // endpoint; its URI then authorises the chunk PUTs, as in GCS.
    const [uri] = await file.createResumableUpload({ metadata });
    await pipeline(
      Readable.from([payload]),
      file.createWriteStream({ uri, resumable: true, chunkSize: 256 * 1024, metadata }),
    );
    const [stored] = await file.getMetadata();
    expect(stored).toMatchObject({
      size: String(payload.length),
      contentType: 'application/x-test',
      metadata: { owner: 'qa' },
    });
    const [back] = await file.download();
    expect(back.equals(payload)).toBe(true);
    expect(stats.snapshot().byOperation['gcs:objects.insert.resumable']).toBeGreaterThanOrEqual(4);
  });

  it('copies, changes storage class by rewrite and patches metadata', async () => {
    const bucket = prod.bucket('gcs-test-main');
    await bucket.file('copy/src.txt').save('copy me', { resumable: false });
    await bucket.file('copy/src.txt').copy(bucket.file('copy/dst.txt'));
    await bucket.file('copy/dst.txt').setStorageClass('COLDLINE');
    await bucket.file('copy/dst.txt').setMetadata({ metadata: { team: 'data' } });
    const [metadata] = await bucket.file('copy/dst.txt').getMetadata();
    expect(metadata).toMatchObject({ storageClass: 'COLDLINE', metadata: { team: 'data' } });
    expect((await bucket.file('copy/dst.txt').download())[0].toString()).toBe('copy me');
  });

  it('keeps generations in a versioned bucket: list versions, read and restore an old one, delete one', async () => {
    const [bucket] = await prod.createBucket('gcs-test-versioned', {
      versioning: { enabled: true },
    });
    await bucket.file('v.txt').save('one', { resumable: false });
    await bucket.file('v.txt').save('two', { resumable: false });
    const [versions] = await bucket.getFiles({ versions: true });
    expect(versions).toHaveLength(2);
    const oldest = versions[0]!;
    expect((await oldest.download())[0].toString()).toBe('one');
    await oldest.copy(bucket.file('v.txt'));
    expect((await bucket.file('v.txt').download())[0].toString()).toBe('one');
    await bucket.file('v.txt', { generation: Number(oldest.metadata.generation) }).delete();
    const [after] = await bucket.getFiles({ versions: true });
    expect(after.map((f) => f.metadata.generation)).not.toContain(oldest.metadata.generation);
    await bucket.file('v.txt').delete();
    expect((await bucket.getFiles())[0]).toHaveLength(0);
    expect((await bucket.getFiles({ versions: true }))[0]).toHaveLength(2);
  });

  it('reports bucket settings and IAM; anonymous reads only public buckets; another project is refused', async () => {
    const [bucket] = await prod.createBucket('gcs-test-public', { labels: { env: 'prod' } });
    await bucket.setMetadata({
      logging: { logBucket: 'gcs-test-main', logObjectPrefix: 'p' },
      encryption: { defaultKmsKeyName: 'projects/p/locations/l/keyRings/r/cryptoKeys/k' },
    });
    await bucket.file('open.txt').save('hello world', { resumable: false });
    const anonymousUrl = `${server.url}/gcs-test-public/open.txt`;
    expect((await fetch(anonymousUrl)).status).toBe(401);
    await bucket.iam.setPolicy({
      bindings: [{ role: 'roles/storage.objectViewer', members: ['allUsers'] }],
    });
    const response = await fetch(anonymousUrl);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('hello world');
    const [metadata] = await bucket.getMetadata();
    expect(metadata).toMatchObject({
      labels: { env: 'prod' },
      logging: { logBucket: 'gcs-test-main' },
      iamConfiguration: { publicAccessPrevention: 'inherited' },
    });

    const listing = await fetch(`${server.url}/storage/v1/b/gcs-test-public/o`);
    expect(listing.status).toBe(401);
    const body = (await listing.json()) as {
      error: { code: number; errors: { reason: string }[] };
    };
    expect(body.error).toMatchObject({ code: 401, errors: [{ reason: 'required' }] });
    await expect(data.bucket('gcs-test-main').getFiles()).rejects.toMatchObject({ code: 403 });
    await expect(prod.bucket('gcs-test-missing').getMetadata()).rejects.toMatchObject({
      code: 404,
    });
  });

  it('rejects a bearer token signed by a key it did not issue', async () => {
    const forged = await fetch(`${server.url}/storage/v1/b?project=ccx-sandbox-prod`, {
      headers: { authorization: `Bearer e30.e30.${Buffer.from('x').toString('base64url')}` },
    });
    expect(forged.status).toBe(401);
  });

  it('serves V4 signed URLs, and refuses tampered or expired ones with the XML error', async () => {
    const file = prod.bucket('gcs-test-main').file('signed/obj name.txt');
    await file.save('signed body', { resumable: false });
    const [getUrl] = await file.getSignedUrl({
      version: 'v4',
      action: 'read',
      expires: Date.now() + 60_000,
    });
    expect(getUrl.startsWith(`${server.url}/gcs-test-main/signed/`)).toBe(true);
    expect(await (await fetch(getUrl)).text()).toBe('signed body');

    const tampered = getUrl.replace('obj%20name', 'other');
    const refused = await fetch(tampered);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('<Code>SignatureDoesNotMatch</Code>');

    const [putUrl] = await prod
      .bucket('gcs-test-main')
      .file('signed/up.txt')
      .getSignedUrl({
        version: 'v4',
        action: 'write',
        expires: Date.now() + 60_000,
        contentType: 'text/plain',
      });
    const put = await fetch(putUrl, {
      method: 'PUT',
      body: 'uploaded',
      headers: { 'content-type': 'text/plain' },
    });
    expect(put.status).toBe(200);
    expect(
      (await prod.bucket('gcs-test-main').file('signed/up.txt').download())[0].toString(),
    ).toBe('uploaded');

    clockOffsetMs = 120_000;
    const late = await fetch(getUrl);
    clockOffsetMs = 0;
    expect(late.status).toBe(400);
    expect(await late.text()).toContain('<Code>ExpiredToken</Code>');
  });

  it('injects throttling the client retries through, and server errors it gives up on', async () => {
    faults.set('gcs.throttle=0.3');
    const [files] = await prod.bucket('gcs-test-main').getFiles({ prefix: 'docs/' });
    expect(files).toHaveLength(3);
    faults.set('gcs.error=1');
    const noRetry = storageClient(server.url, server.projects[0]!, 0);
    await expect(noRetry.bucket('gcs-test-main').getFiles()).rejects.toMatchObject({ code: 503 });
    expect(stats.snapshot().faulted).toBeGreaterThan(0);
  });
});
