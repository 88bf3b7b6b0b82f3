import type { BlobClient } from '@azure/storage-blob';
import type { StorageAccount } from '../accounts';
import { presignBlob } from './presign';

/** How long a source SAS for a cross-account copy stays valid: long enough for large copies. */
const SOURCE_SAS_SECONDS = 3600;
const POLL_INTERVAL_MS = 200;

interface Side {
  account: StorageAccount;
  blob: BlobClient;
}

/**
 * Server-side copy (Copy Blob). Within one account the request's own authorization covers the
 * source; a source in another account of the connection is read through a short read-only SAS
 * (shared key or user delegation). Copy Blob leaves index tags behind, so they are carried
 * explicitly; the copy is polled until the service reports it done, so the target is complete
 * when this returns.
 */
export async function copyBlob(source: Side, target: Side): Promise<void> {
  const [properties, tags] = await Promise.all([
    source.blob.getProperties(),
    source.blob.getTags(),
  ]);
  const sourceUrl =
    source.account.name === target.account.name
      ? source.blob.url
      : (
          await presignBlob(
            source.account,
            source.blob,
            { method: 'GET', expiresInSeconds: SOURCE_SAS_SECONDS },
            true,
          )
        ).url;
  const poller = await target.blob.beginCopyFromURL(sourceUrl, {
    tags: tags.tags,
    metadata: properties.metadata,
    intervalInMs: POLL_INTERVAL_MS,
  });
  await poller.pollUntilDone();
}
