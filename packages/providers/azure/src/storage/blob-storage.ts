import type { BlobClient } from '@azure/storage-blob';
import {
  type Bucket,
  type BucketRef,
  type ObjectInfo,
  type ObjectRef,
  type ObjectStorage,
} from '@ccx/core';
import type { StorageAccount, StorageAccounts } from '../accounts';
import { fromAzureError } from '../errors';
import { copyBlob } from './copy-blob';
import { deleteBlobs } from './delete-objects';
import { listObjectPages } from './list-objects';
import { accountPosture } from './account-posture';
import { mapContainer, mapContainerItem } from './map-container';
import { blobName, containerName } from './names';
import { objectInfo } from './object-info';
import { presignBlob } from './presign';
import { ACCESS_TIERS, accessTier } from './tiers';
import { downloadBlob, uploadBlob } from './transfer';

/**
 * Azure Blob Storage as the core `ObjectStorage`: accounts are the connection's configured
 * storage accounts, buckets are containers. Versioning members are absent: blob versioning is
 * an account setting of the management plane, and Azurite keeps no versions to list.
 */
export function blobStorage(
  connection: string,
  accounts: StorageAccounts,
  allowHttp: boolean,
): ObjectStorage {
  function blobClient(ref: ObjectRef): { account: StorageAccount; blob: BlobClient } {
    const account = accounts.get(ref.account);
    const blob = account.service
      .getContainerClient(containerName(ref.bucket))
      .getBlobClient(blobName(ref.key));
    return { account, blob: ref.versionId ? blob.withVersion(ref.versionId) : blob };
  }

  async function tagsOf(
    blob: BlobClient,
    tagCount: number | undefined,
  ): Promise<Record<string, string>> {
    if (!tagCount) return {};
    return (await blob.getTags()).tags;
  }

  async function head(ref: ObjectRef): Promise<ObjectInfo> {
    const { blob } = blobClient(ref);
    try {
      const properties = await blob.getProperties();
      return objectInfo(ref.key, properties, await tagsOf(blob, properties.tagCount));
    } catch (error) {
      throw fromAzureError(error, `Reading ${ref.bucket}/${ref.key}`);
    }
  }

  return {
    storageClasses: ACCESS_TIERS,

    accounts: () => Promise.resolve(accounts.names()),

    async *listBuckets(accountName, options) {
      const account = accounts.get(accountName);
      const context = { connection, account: account.name, region: account.region };
      try {
        const posture = await accountPosture(account.service, options?.signal);
        const items = account.service.listContainers({
          includeMetadata: true,
          abortSignal: options?.signal,
        });
        for await (const item of items) yield mapContainerItem(context, item, posture);
      } catch (error) {
        throw fromAzureError(error, `Listing containers of ${account.name}`);
      }
    },

    async getBucket(ref: BucketRef): Promise<Bucket> {
      const account = accounts.get(ref.account);
      const container = account.service.getContainerClient(containerName(ref.bucket));
      try {
        const [properties, posture] = await Promise.all([
          container.getProperties(),
          accountPosture(account.service),
        ]);
        return mapContainer(
          { connection, account: account.name, region: account.region },
          ref.bucket,
          { ...properties, publicAccess: properties.blobPublicAccess },
          properties.metadata,
          posture,
        );
      } catch (error) {
        throw fromAzureError(error, `Reading container ${ref.account}/${ref.bucket}`);
      }
    },

    async *listObjects(ref, options = {}) {
      const container = accounts.container(ref.account, containerName(ref.bucket));
      try {
        yield* listObjectPages(container, options);
      } catch (error) {
        throw fromAzureError(error, `Listing ${ref.account}/${ref.bucket}`);
      }
    },

    headObject: head,

    async getObject(ref, options = {}) {
      const { blob } = blobClient(ref);
      try {
        return await downloadBlob(blob, ref.key, options, (count) => tagsOf(blob, count));
      } catch (error) {
        throw fromAzureError(error, `Downloading ${ref.bucket}/${ref.key}`);
      }
    },

    async putObject(ref, body, options = {}) {
      const { blob } = blobClient(ref);
      try {
        await uploadBlob(blob.getBlockBlobClient(), body, options);
      } catch (error) {
        throw fromAzureError(error, `Uploading ${ref.bucket}/${ref.key}`);
      }
      return head({ ...ref, versionId: undefined });
    },

    async copyObject(source, target) {
      const from = blobClient(source);
      const to = blobClient({ ...target, versionId: undefined });
      try {
        await copyBlob(from, to);
      } catch (error) {
        throw fromAzureError(
          error,
          `Copying ${source.bucket}/${source.key} to ${target.bucket}/${target.key}`,
        );
      }
      return head({ ...target, versionId: undefined });
    },

    async deleteObjects(ref, keys) {
      const container = accounts.container(ref.account, containerName(ref.bucket));
      const valid: { key: string; versionId?: string }[] = [];
      const invalid: { key: string; code: string; message: string }[] = [];
      for (const item of keys) {
        try {
          blobName(item.key);
          valid.push(item);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          invalid.push({ key: item.key, code: 'invalid_input', message });
        }
      }
      const result = await deleteBlobs(container, valid, (item) => {
        const blob = container.getBlobClient(item.key);
        return item.versionId ? blob.withVersion(item.versionId) : blob;
      });
      return { deleted: result.deleted, errors: [...invalid, ...result.errors] };
    },

    async presign(ref, options) {
      const { account, blob } = blobClient(ref);
      try {
        return await presignBlob(account, blob, options, allowHttp);
      } catch (error) {
        throw fromAzureError(error, `Presigning ${ref.bucket}/${ref.key}`);
      }
    },

    async setStorageClass(ref, storageClass) {
      const { blob } = blobClient(ref);
      const tier = accessTier(storageClass);
      try {
        await blob.setAccessTier(tier);
      } catch (error) {
        throw fromAzureError(error, `Changing the tier of ${ref.bucket}/${ref.key}`);
      }
      return head(ref);
    },
  };
}
