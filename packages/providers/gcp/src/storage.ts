import {
  CcxError,
  type Bucket,
  type BucketRef,
  type DeleteResult,
  type ObjectPage,
  type ObjectStorage,
  type ObjectVersion,
} from '@ccx/core';
import type { Readable } from 'node:stream';
import type { StorageClients } from './clients';
import { fromGcsError } from './errors';
import { mapBucket, type BucketMetadata, type IamPolicy } from './map-bucket';
import { mapObjectEntry, mapObjectVersion, type ObjectMetadata } from './map-object';
import { bucketOf, fileOf } from './refs';
import { getObject, headObject, putObject } from './transfer';

export const GCS_STORAGE_CLASSES = ['STANDARD', 'NEARLINE', 'COLDLINE', 'ARCHIVE'] as const;
const MAX_PAGE = 1000;
const DELETE_CONCURRENCY = 16;
const SEVEN_DAYS_S = 7 * 24 * 3600;

/** The IAM policy, or null when the caller may not read it (posture then says unknown). */
async function policyOf(bucket: ReturnType<typeof bucketOf>): Promise<IamPolicy | null> {
  try {
    const [policy] = await bucket.iam.getPolicy();
    return policy;
  } catch (error) {
    const mapped = fromGcsError(error, 'Reading the bucket IAM policy');
    if (mapped.code === 'forbidden') return null;
    throw mapped;
  }
}

interface FilesResponse {
  prefixes?: string[];
  items?: ObjectMetadata[];
  nextPageToken?: string;
}

/** One `objects.list` page through the client, `autoPaginate: false`: the token is the cursor. */
async function listPage(
  clients: StorageClients,
  ref: BucketRef,
  query: Record<string, unknown>,
): Promise<FilesResponse> {
  try {
    const [, , response] = await bucketOf(clients, ref).getFiles({ ...query, autoPaginate: false });
    return response ?? {};
  } catch (error) {
    throw fromGcsError(error, `Listing gs://${ref.bucket}`);
  }
}

/**
 * Cloud Storage through @google-cloud/storage, one client per project. Listing walks pages
 * with the service's own page tokens (which double as the capability's cursors); every
 * failure leaves as a CcxError.
 */
export function gcsStorage(connection: string, clients: StorageClients): ObjectStorage {
  async function getBucket(ref: BucketRef): Promise<Bucket> {
    const bucket = bucketOf(clients, ref);
    try {
      const [metadata] = await bucket.getMetadata();
      return mapBucket(connection, ref.account, metadata as BucketMetadata, await policyOf(bucket));
    } catch (error) {
      throw fromGcsError(error, `Reading bucket ${ref.bucket}`);
    }
  }

  return {
    storageClasses: GCS_STORAGE_CLASSES,
    accounts: () => Promise.resolve(clients.ids()),
    async *listBuckets(account, options) {
      const storage = clients.forProject(account);
      // The client's own paginator; its typings omit the query it accepts.
      const bucketsStream = storage.getBucketsStream.bind(storage) as unknown as (query: {
        project: string;
        maxResults: number;
      }) => Readable;
      const stream = bucketsStream({ project: account, maxResults: MAX_PAGE });
      try {
        for await (const item of stream) {
          options?.signal?.throwIfAborted();
          const bucket = item as ReturnType<typeof storage.bucket>;
          const metadata = bucket.metadata as BucketMetadata;
          yield mapBucket(connection, account, metadata, await policyOf(bucket));
        }
      } catch (error) {
        throw fromGcsError(error, `Listing buckets of project ${account}`);
      } finally {
        stream.destroy();
      }
    },
    getBucket,
    async *listObjects(ref, options = {}) {
      let pageToken = options.cursor;
      do {
        options.signal?.throwIfAborted();
        const page = await listPage(clients, ref, {
          prefix: options.prefix,
          delimiter: options.delimiter,
          maxResults: Math.min(options.pageSize ?? MAX_PAGE, MAX_PAGE),
          pageToken,
        });
        const entries: ObjectPage['entries'] = [
          ...(page.prefixes ?? []).map((prefix) => ({ kind: 'prefix' as const, prefix })),
          ...(page.items ?? []).map(mapObjectEntry),
        ].sort((a, b) => {
          const ka = a.kind === 'prefix' ? a.prefix : a.key;
          const kb = b.kind === 'prefix' ? b.prefix : b.key;
          return ka < kb ? -1 : ka > kb ? 1 : 0;
        });
        pageToken = page.nextPageToken;
        yield { entries, cursor: pageToken ?? null };
      } while (pageToken);
    },
    headObject: (ref) => headObject(clients, ref),
    getObject: (ref, options) => getObject(clients, ref, options),
    putObject: (ref, body, options) => putObject(clients, ref, body, options),
    async copyObject(source, target) {
      const destination = fileOf(clients, { ...target, versionId: undefined });
      try {
        await fileOf(clients, source).copy(destination);
      } catch (error) {
        throw fromGcsError(error, `Copying gs://${source.bucket}/${source.key}`);
      }
      return headObject(clients, { ...target, versionId: undefined });
    },
    async deleteObjects(ref, keys) {
      const result: DeleteResult = { deleted: [], errors: [] };
      let next = 0;
      const worker = async () => {
        while (next < keys.length) {
          const item = keys[next++];
          if (!item) continue;
          try {
            await fileOf(clients, { ...ref, ...item }).delete();
            result.deleted.push(item.key);
          } catch (error) {
            const mapped = fromGcsError(error, `Deleting gs://${ref.bucket}/${item.key}`);
            // Deleting what is already gone is done, as with S3 and Azure.
            if (mapped.code === 'not_found') result.deleted.push(item.key);
            else result.errors.push({ key: item.key, code: mapped.code, message: mapped.message });
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(DELETE_CONCURRENCY, keys.length) }, worker));
      return result;
    },
    async presign(ref, options) {
      const seconds = options.expiresInSeconds;
      if (!Number.isInteger(seconds) || seconds < 1 || seconds > SEVEN_DAYS_S)
        throw new CcxError('invalid_input', 'A GCS signed URL lasts 1 second to 7 days');
      const expires = Date.now() + seconds * 1000;
      try {
        const [url] = await fileOf(clients, ref).getSignedUrl({
          version: 'v4',
          action: options.method === 'GET' ? 'read' : 'write',
          expires,
          ...(options.method === 'PUT' && options.contentType
            ? { contentType: options.contentType }
            : {}),
        });
        return { url, expiresAt: new Date(expires).toISOString() };
      } catch (error) {
        throw fromGcsError(error, `Signing a URL for gs://${ref.bucket}/${ref.key}`);
      }
    },
    async setStorageClass(ref, storageClass) {
      const upper = storageClass.toUpperCase();
      if (!(GCS_STORAGE_CLASSES as readonly string[]).includes(upper))
        throw new CcxError(
          'invalid_input',
          `GCS storage classes are ${GCS_STORAGE_CLASSES.join(', ')}`,
        );
      try {
        await fileOf(clients, { ...ref, versionId: undefined }).setStorageClass(upper);
      } catch (error) {
        throw fromGcsError(error, `Changing the storage class of gs://${ref.bucket}/${ref.key}`);
      }
      return headObject(clients, { ...ref, versionId: undefined });
    },
    async setVersioning(ref, enabled) {
      try {
        await bucketOf(clients, ref).setMetadata({ versioning: { enabled } });
      } catch (error) {
        throw fromGcsError(error, `Setting versioning on ${ref.bucket}`);
      }
    },
    async *listVersions(ref, options = {}): AsyncIterable<ObjectVersion> {
      let pageToken: string | undefined;
      do {
        options.signal?.throwIfAborted();
        const page = await listPage(clients, ref, {
          prefix: options.prefix,
          versions: true,
          maxResults: MAX_PAGE,
          pageToken,
        });
        for (const item of page.items ?? []) yield mapObjectVersion(item);
        pageToken = page.nextPageToken;
      } while (pageToken);
    },
    async restoreVersion(ref) {
      const live = fileOf(clients, { ...ref, versionId: undefined });
      try {
        await fileOf(clients, ref).copy(live);
      } catch (error) {
        throw fromGcsError(error, `Restoring gs://${ref.bucket}/${ref.key}#${ref.versionId}`);
      }
      return headObject(clients, { ...ref, versionId: undefined });
    },
  };
}
