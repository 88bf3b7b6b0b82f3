import type { ContainerClient } from '@azure/storage-blob';
import type { DeleteResult } from '@ccx/core';
import { fromAzureError } from '../errors';

/** Blob Batch takes at most 256 sub-requests. */
export const DELETE_BATCH_SIZE = 256;
const BATCH_CONCURRENCY = 4;

type KeyRef = { key: string; versionId?: string };

/**
 * Deletes keys in Blob Batch requests of 256, a few at a time. Like S3's DeleteObjects, a key
 * that is already gone counts as deleted, so a retried delete converges. A batch that fails
 * whole (refused, unreachable) reports each of its keys with that error; nothing throws.
 */
export async function deleteBlobs(
  container: ContainerClient,
  keys: readonly KeyRef[],
  clientFor: (ref: KeyRef) => ReturnType<ContainerClient['getBlobClient']>,
): Promise<DeleteResult> {
  const result: DeleteResult = { deleted: [], errors: [] };
  const batches: KeyRef[][] = [];
  for (let i = 0; i < keys.length; i += DELETE_BATCH_SIZE)
    batches.push(keys.slice(i, i + DELETE_BATCH_SIZE));

  async function run(batch: KeyRef[]): Promise<void> {
    try {
      const response = await container
        .getBlobBatchClient()
        .deleteBlobs(batch.map(clientFor), { deleteSnapshots: 'include' });
      response.subResponses.forEach((sub, index) => {
        const ref = batch[index];
        if (!ref) return;
        if (sub.status < 300 || sub.status === 404) result.deleted.push(ref.key);
        else
          result.errors.push({
            key: ref.key,
            code: sub.errorCode ?? `HTTP ${sub.status}`,
            message: sub.statusMessage,
          });
      });
    } catch (error) {
      const mapped = fromAzureError(error, 'Deleting blobs');
      for (const ref of batch)
        result.errors.push({ key: ref.key, code: mapped.code, message: mapped.message });
    }
  }

  let next = 0;
  const workers = Array.from({ length: Math.min(BATCH_CONCURRENCY, batches.length) }, async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      if (batch) await run(batch);
    }
  });
  await Promise.all(workers);
  return result;
}
