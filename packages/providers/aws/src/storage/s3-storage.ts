import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type MetadataDirective,
  type StorageClass,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  invalidInput,
  type DeleteResult,
  type ObjectInfo,
  type ObjectRef,
  type ObjectStorage,
} from '@ccx/core';
import { fromAwsError } from '../errors';
import { listS3Buckets, getS3Bucket } from './s3-buckets';
import { DELETE_BATCH, MAX_PRESIGN_SECONDS, S3_STORAGE_CLASSES } from './s3-constants';
import { bucketClient, type S3Context } from './s3-context';
import { listObjectPages, listObjectVersions } from './s3-listing';
import { getS3Object, headS3Object, putS3Object } from './s3-transfer';

function checkClass(storageClass: string): StorageClass {
  if (!(S3_STORAGE_CLASSES as readonly string[]).includes(storageClass))
    throw invalidInput('Unknown S3 storage class', { storageClass, allowed: S3_STORAGE_CLASSES });
  return storageClass as StorageClass;
}

/** `bucket/key[?versionId=…]`, the key percent-encoded: CopySource is a URL path, not a name. */
function copySource(ref: ObjectRef): string {
  const source = `${ref.bucket}/${encodeURIComponent(ref.key)}`;
  return ref.versionId === undefined
    ? source
    : `${source}?versionId=${encodeURIComponent(ref.versionId)}`;
}

/**
 * The core ObjectStorage over S3. Every bucket operation goes to a client for the bucket's
 * region; account-wide ones (ListBuckets) to the home region. Copies are single CopyObject
 * requests, which S3 limits to 5 GiB objects.
 */
export function s3Storage(ctx: S3Context): ObjectStorage {
  async function copy(
    source: ObjectRef,
    target: ObjectRef,
    extra: { StorageClass?: StorageClass; MetadataDirective?: MetadataDirective } = {},
  ): Promise<ObjectInfo> {
    const { client } = await bucketClient(ctx, target);
    try {
      await client.send(
        new CopyObjectCommand({
          Bucket: target.bucket,
          Key: target.key,
          CopySource: copySource(source),
          ...extra,
        }),
      );
    } catch (error) {
      throw fromAwsError(error, `Copying object ${source.key}`);
    }
    return headS3Object(client, { ...target, versionId: undefined });
  }

  return {
    storageClasses: S3_STORAGE_CLASSES,

    async accounts() {
      return (await ctx.directory.all()).map(({ id }) => id);
    },

    listBuckets: (account, options) => listS3Buckets(ctx, account, options?.signal),
    getBucket: (ref) => getS3Bucket(ctx, ref),
    listObjects: (ref, options) => listObjectPages(ctx, ref, options),

    async headObject(ref) {
      const { client } = await bucketClient(ctx, ref);
      return headS3Object(client, ref);
    },

    async getObject(ref, options) {
      const { client } = await bucketClient(ctx, ref);
      return getS3Object(client, ref, options);
    },

    async putObject(ref, body, options = {}) {
      if (options.storageClass !== undefined) checkClass(options.storageClass);
      const { client } = await bucketClient(ctx, ref);
      await putS3Object(client, ref, body, options);
      return headS3Object(client, { ...ref, versionId: undefined });
    },

    copyObject: (source, target) => copy(source, target),

    async deleteObjects(ref, keys) {
      const { client } = await bucketClient(ctx, ref);
      const result: DeleteResult = { deleted: [], errors: [] };
      for (let start = 0; start < keys.length; start += DELETE_BATCH) {
        const batch = keys.slice(start, start + DELETE_BATCH);
        try {
          const out = await client.send(
            new DeleteObjectsCommand({
              Bucket: ref.bucket,
              Delete: {
                Objects: batch.map(({ key, versionId }) => ({ Key: key, VersionId: versionId })),
                Quiet: false,
              },
            }),
          );
          for (const d of out.Deleted ?? []) if (d.Key !== undefined) result.deleted.push(d.Key);
          for (const e of out.Errors ?? [])
            result.errors.push({
              key: e.Key ?? '',
              code: e.Code ?? 'Unknown',
              message: e.Message ?? '',
            });
        } catch (error) {
          throw fromAwsError(error, `Deleting objects in bucket ${ref.bucket}`);
        }
      }
      return result;
    },

    async presign(ref, options) {
      const seconds = options.expiresInSeconds;
      if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_PRESIGN_SECONDS)
        throw invalidInput(`expiresInSeconds must be from 1 to ${MAX_PRESIGN_SECONDS}`);
      const { client } = await bucketClient(ctx, ref);
      const input = { Bucket: ref.bucket, Key: ref.key };
      const command =
        options.method === 'GET'
          ? new GetObjectCommand({ ...input, VersionId: ref.versionId })
          : new PutObjectCommand({ ...input, ContentType: options.contentType });
      const signedAt = Date.now();
      try {
        const url = await getSignedUrl(client, command, {
          expiresIn: seconds,
          signingDate: new Date(signedAt),
        });
        return { url, expiresAt: new Date(signedAt + seconds * 1000).toISOString() };
      } catch (error) {
        throw fromAwsError(error, `Presigning object ${ref.key}`);
      }
    },

    setStorageClass: (ref, storageClass) =>
      copy(
        ref,
        { ...ref, versionId: undefined },
        { StorageClass: checkClass(storageClass), MetadataDirective: 'COPY' },
      ),

    async setVersioning(ref, enabled) {
      const { client } = await bucketClient(ctx, ref);
      try {
        await client.send(
          new PutBucketVersioningCommand({
            Bucket: ref.bucket,
            VersioningConfiguration: { Status: enabled ? 'Enabled' : 'Suspended' },
          }),
        );
      } catch (error) {
        throw fromAwsError(error, `Setting versioning of bucket ${ref.bucket}`);
      }
    },

    listVersions: (ref, options) => listObjectVersions(ctx, ref, options),

    restoreVersion: (ref) =>
      copy(ref, { ...ref, versionId: undefined }, { MetadataDirective: 'COPY' }),
  };
}
