import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  type S3Client,
  type StorageClass,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type {
  ByteStream,
  GetObjectOptions,
  ObjectInfo,
  ObjectRef,
  PutObjectOptions,
} from '@ccx/core';
import { fromAwsError } from '../errors';
import { PART_SIZE, QUEUE_SIZE } from './s3-constants';
import { tagsOf, toObjectInfo } from './s3-object-info';

async function objectTags(client: S3Client, ref: ObjectRef): Promise<Record<string, string>> {
  const out = await client.send(
    new GetObjectTaggingCommand({ Bucket: ref.bucket, Key: ref.key, VersionId: ref.versionId }),
  );
  return tagsOf(out.TagSet);
}

/** HEAD plus the object's tags (a second request: HEAD does not carry them). */
export async function headS3Object(client: S3Client, ref: ObjectRef): Promise<ObjectInfo> {
  try {
    const input = { Bucket: ref.bucket, Key: ref.key, VersionId: ref.versionId };
    const [head, tags] = await Promise.all([
      client.send(new HeadObjectCommand(input)),
      objectTags(client, ref).catch(() => null),
    ]);
    // Tags unreadable (no s3:GetObjectTagging) or absent: the object itself is still described.
    return toObjectInfo(ref.key, head, tags ?? {});
  } catch (error) {
    throw fromAwsError(error, `Reading object ${ref.key}`);
  }
}

/**
 * GET as a stream: the SDK's body is a Node Readable, handed through unread, so the caller's
 * iteration pulls bytes from the socket and stopping early destroys it. Tags are fetched only
 * when GET says there are some.
 */
export async function getS3Object(
  client: S3Client,
  ref: ObjectRef,
  options: GetObjectOptions = {},
): Promise<{ info: ObjectInfo; body: ByteStream }> {
  try {
    const range = options.range;
    const output = await client.send(
      new GetObjectCommand({
        Bucket: ref.bucket,
        Key: ref.key,
        VersionId: ref.versionId,
        Range: range ? `bytes=${range.start}-${range.end}` : undefined,
      }),
      { abortSignal: options.signal },
    );
    const tags = (output.TagCount ?? 0) > 0 ? await objectTags(client, ref).catch(() => ({})) : {};
    const body = output.Body;
    if (!(body instanceof Readable)) throw new Error('S3 returned no body stream');
    return { info: toObjectInfo(ref.key, output, tags), body };
  } catch (error) {
    throw fromAwsError(error, `Downloading object ${ref.key}`);
  }
}

/**
 * Streams `body` up (the storage class was checked against S3_STORAGE_CLASSES by the caller) with lib-storage's Upload: a single PutObject below one part, multipart
 * above, at most QUEUE_SIZE parts in flight, so memory stays bounded whatever the size.
 * An aborted signal aborts the upload, which also aborts the multipart upload on S3.
 */
export async function putS3Object(
  client: S3Client,
  ref: ObjectRef,
  body: ByteStream,
  options: PutObjectOptions = {},
): Promise<void> {
  const upload = new Upload({
    client,
    partSize: PART_SIZE,
    queueSize: QUEUE_SIZE,
    leavePartsOnError: false,
    params: {
      Bucket: ref.bucket,
      Key: ref.key,
      Body: Readable.from(body, { objectMode: false }),
      ContentType: options.contentType,
      Metadata: options.metadata,
      StorageClass: options.storageClass as StorageClass | undefined,
    },
  });
  const onProgress = options.onProgress;
  if (onProgress) upload.on('httpUploadProgress', (p) => onProgress(p.loaded ?? 0));
  const abort = () => void upload.abort();
  options.signal?.throwIfAborted();
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    await upload.done();
  } catch (error) {
    throw fromAwsError(error, `Uploading object ${ref.key}`);
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }
}
