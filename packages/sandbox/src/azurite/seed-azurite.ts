import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import type { SeedBucket, SeedObject } from '../storage-seed/types';
import type { AzuriteHandle } from './launch-azurite';

/** Uploads in flight at once: Azurite is a single Node process, more only queue up there. */
const UPLOAD_CONCURRENCY = 16;

/**
 * The seed's modification time, kept in metadata because the service stamps Last-Modified
 * itself and no API sets it. Metadata names must be C# identifiers, hence the underscores.
 */
export const SEED_MODIFIED_METADATA = 'ccx_seed_modified';

/** Blob index tags allow letters, digits, space and `+-.:=_/`, at most 10 per blob. */
function indexTags(tags: Record<string, string>): Record<string, string> {
  const clean = (value: string) => value.replace(/[^A-Za-z0-9 +\-.:=_/]/g, '_');
  return Object.fromEntries(
    Object.entries(tags)
      .slice(0, 10)
      .map(([key, value]) => [clean(key).slice(0, 128), clean(value).slice(0, 256)]),
  );
}

function metadataOf(object: SeedObject): Record<string, string> {
  const entries = Object.entries(object.metadata).map(([key, value]): [string, string] => [
    key.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1'),
    value,
  ]);
  return { ...Object.fromEntries(entries), [SEED_MODIFIED_METADATA]: object.lastModified };
}

async function inParallel<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await run(item);
    }
  });
  await Promise.all(workers);
}

/**
 * Writes the seed's Azure containers into Azurite through the official SDK, as an operator
 * would: container access level `blob` for a public one, bucket tags as container metadata,
 * then every blob with its content type, metadata, index tags and access tier. Buckets of
 * accounts Azurite does not serve are skipped. Returns the number of blobs written.
 */
export async function seedAzurite(
  azurite: Pick<AzuriteHandle, 'blobUrl' | 'accounts'>,
  buckets: readonly SeedBucket[],
): Promise<number> {
  const uploads: { bucket: SeedBucket; object: SeedObject }[] = [];
  const services = new Map(
    azurite.accounts.map((account) => [
      account.name,
      new BlobServiceClient(
        `${azurite.blobUrl}/${account.name}`,
        new StorageSharedKeyCredential(account.name, account.key),
      ),
    ]),
  );
  const ours = buckets.filter(
    (bucket) => bucket.provider === 'azure' && services.has(bucket.account),
  );
  await Promise.all(
    ours.map(async (bucket) => {
      const container = services.get(bucket.account)?.getContainerClient(bucket.name);
      await container?.createIfNotExists({
        access: bucket.public ? 'blob' : undefined,
        metadata: bucket.tags,
      });
      for (const object of bucket.objects) uploads.push({ bucket, object });
    }),
  );
  await inParallel(uploads, UPLOAD_CONCURRENCY, async ({ bucket, object }) => {
    const blob = services
      .get(bucket.account)
      ?.getContainerClient(bucket.name)
      .getBlockBlobClient(object.key);
    if (!blob) return;
    const body = object.body();
    await blob.upload(body, body.length, {
      blobHTTPHeaders: { blobContentType: object.contentType },
      metadata: metadataOf(object),
      tags: indexTags(object.tags),
      tier: object.storageClass,
    });
  });
  return uploads.length;
}
