import { describe, expect, it } from 'vitest';
import type { ByteStream, ObjectRef, ObjectStorage } from '@ccx/core';
import { storageConnections } from './catalog';
import { connectionMap, memoryConnection } from './test-connections';
import { transferObject } from './transfer';

const BODY = 'x'.repeat(10_000) + 'end';

function estate() {
  const s3 = memoryConnection('s3', 'aws', [
    {
      account: '111111111111',
      bucket: 'src',
      objects: [
        { key: 'dir/file.txt', body: BODY, contentType: 'text/plain', metadata: { owner: 'ana' } },
      ],
    },
    { account: '111111111111', bucket: 'other' },
  ]);
  const gcs = memoryConnection('gcs', 'gcp', [{ account: 'proj', bucket: 'dst' }], []);
  return { s3, gcs, catalog: storageConnections(connectionMap(s3, gcs)) };
}

const source: ObjectRef = {
  connection: 's3',
  account: '111111111111',
  bucket: 'src',
  key: 'dir/file.txt',
};
const target: ObjectRef = {
  connection: 'gcs',
  account: 'proj',
  bucket: 'dst',
  key: 'copied/file.txt',
};

async function text(storage: ObjectStorage, ref: ObjectRef): Promise<string> {
  const { body } = await storage.getObject(ref);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString();
}

async function exists(storage: ObjectStorage, ref: ObjectRef): Promise<boolean> {
  return storage.headObject(ref).then(
    () => true,
    (error: unknown) => {
      if ((error as { code?: string }).code === 'not_found') return false;
      throw error;
    },
  );
}

describe('transferObject', () => {
  it('copies across providers by streaming, keeping content type and metadata, with progress', async () => {
    const { s3, gcs, catalog } = estate();
    const progress: number[] = [];
    const info = await transferObject(catalog, source, target, {
      mode: 'copy',
      onProgress: (bytes) => progress.push(bytes),
    });
    expect(info.size).toBe(BODY.length);
    expect(await text(gcs.storage, target)).toBe(BODY);
    const head = await gcs.storage.headObject(target);
    expect(head.contentType).toBe('text/plain');
    expect(head.metadata).toEqual({ owner: 'ana' });
    expect(progress.length).toBeGreaterThan(1); // chunked: 1 KiB chunks
    expect(progress.at(-1)).toBe(BODY.length);
    expect(await exists(s3.storage, source)).toBe(true);
  });

  it('moves across providers: the source goes only after the target is verified', async () => {
    const { s3, gcs, catalog } = estate();
    const info = await transferObject(catalog, source, target, { mode: 'move' });
    expect(info.key).toBe('copied/file.txt');
    expect(await text(gcs.storage, target)).toBe(BODY);
    expect(await exists(s3.storage, source)).toBe(false);
  });

  it('copies server-side inside one connection and reports the size as progress', async () => {
    const { s3, catalog } = estate();
    const inside = { ...source, bucket: 'other', key: 'moved.txt' };
    const progress: number[] = [];
    await transferObject(catalog, source, inside, {
      mode: 'move',
      onProgress: (b) => progress.push(b),
    });
    expect(progress).toEqual([BODY.length]);
    expect(await text(s3.storage, inside)).toBe(BODY);
    expect(await exists(s3.storage, source)).toBe(false);
  });

  it('keeps the source when the upload fails', async () => {
    const { s3, catalog } = estate();
    const missing = { ...target, bucket: 'no-such-bucket' };
    await expect(transferObject(catalog, source, missing, { mode: 'move' })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await exists(s3.storage, source)).toBe(true);
  });

  it('keeps the source when the target does not show the source size', async () => {
    const { s3, gcs } = estate();
    // A target whose uploads lose their last bytes: the HEAD check must catch it.
    const lossy: ObjectStorage = {
      ...gcs.storage,
      putObject: (ref, body, options) =>
        gcs.storage.putObject(ref, truncate(body), { ...options, size: undefined }),
    };
    const catalog = storageConnections(connectionMap(s3, { ...gcs, storage: lossy }));
    const promise = transferObject(catalog, source, target, { mode: 'move' });
    await expect(promise).rejects.toMatchObject({ code: 'provider_error' });
    await expect(promise).rejects.toThrow(/source was kept/);
    expect(await exists(s3.storage, source)).toBe(true);
  });

  it('keeps the source when aborted before the delete', async () => {
    const { s3, catalog } = estate();
    const controller = new AbortController();
    const promise = transferObject(catalog, source, target, {
      mode: 'move',
      signal: controller.signal,
      onProgress: (bytes) => {
        if (bytes === BODY.length) controller.abort();
      },
    });
    await expect(promise).rejects.toThrow();
    expect(await exists(s3.storage, source)).toBe(true);
  });

  it('refuses to move an object onto itself and to write a named version', async () => {
    const { catalog } = estate();
    await expect(transferObject(catalog, source, source, { mode: 'move' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(
      transferObject(catalog, source, { ...target, versionId: 'v1' }, { mode: 'copy' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

async function* truncate(body: ByteStream): ByteStream {
  let last: Uint8Array | undefined;
  for await (const chunk of body) {
    if (last !== undefined) yield last;
    last = chunk;
  }
  if (last !== undefined) yield last.subarray(0, Math.max(0, last.byteLength - 1));
}
