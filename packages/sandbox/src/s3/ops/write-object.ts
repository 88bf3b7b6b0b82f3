import { metadataFrom, storageClassFrom } from '../object-headers';
import type { ObjectVersion, S3Bucket } from '../model';
import { S3Error } from '../s3-error';
import { header, need, type S3Context, type S3Operation, type S3Reply } from '../s3-operation';
import { deleteVersion, findVersion, putVersion } from '../s3-state';
import { parseTaggingHeader } from './tag-set';

/** Headers S3 answers a write with: the version it made (when versioning is on) and SSE. */
export function writeHeaders(bucket: S3Bucket, v: ObjectVersion): Record<string, string> {
  const headers: Record<string, string> = {
    etag: v.etag,
    'x-amz-server-side-encryption': 'AES256',
  };
  if (bucket.versioning !== 'Unversioned') headers['x-amz-version-id'] = v.versionId;
  return headers;
}

/** `If-None-Match: *` (create only) and `If-Match: <etag>` on writes. */
export function writePreconditions(ctx: S3Context, bucket: S3Bucket): void {
  const current = findVersion(bucket, ctx.key);
  const exists = current !== undefined && !current.deleteMarker;
  const ifNoneMatch = header(ctx, 'if-none-match');
  const ifMatch = header(ctx, 'if-match');
  if (
    (ifNoneMatch === '*' && exists) ||
    (ifMatch !== undefined && (!exists || (ifMatch !== '*' && ifMatch !== current.etag)))
  )
    throw new S3Error(
      'PreconditionFailed',
      'At least one of the pre-conditions you specified did not hold',
      412,
      {
        Condition: ifNoneMatch !== undefined ? 'If-None-Match' : 'If-Match',
      },
    );
  if (ifMatch !== undefined && !exists)
    throw new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: ctx.key });
}

export const putObject: S3Operation = {
  name: 'PutObject',
  access: 'owner',
  run: async (ctx, b) => {
    const bucket = need(b);
    const storageClass = storageClassFrom(header(ctx, 'x-amz-storage-class'));
    const metadata = metadataFrom(ctx.headers);
    const tags = parseTaggingHeader(header(ctx, 'x-amz-tagging'));
    const payload = await ctx.payload();
    writePreconditions(ctx, bucket);
    const data = payload.data;
    const v = putVersion(bucket, {
      key: ctx.key,
      deleteMarker: false,
      lastModified: ctx.now,
      size: data.length,
      etag: `"${payload.md5.toString('hex')}"`,
      storageClass,
      contentType: header(ctx, 'content-type') ?? 'application/octet-stream',
      metadata,
      tags,
      checksum: payload.checksum,
      body: () => data,
    });
    const headers = writeHeaders(bucket, v);
    if (payload.checksum) {
      headers[`x-amz-checksum-${payload.checksum.algorithm}`] = payload.checksum.value;
      headers['x-amz-checksum-type'] = 'FULL_OBJECT';
    }
    return { status: 200, headers };
  },
};

export function deleteReply(outcome: { versionId: string | null; deleteMarker: boolean }): S3Reply {
  const headers: Record<string, string> = {};
  if (outcome.deleteMarker) headers['x-amz-delete-marker'] = 'true';
  if (outcome.versionId !== null) headers['x-amz-version-id'] = outcome.versionId;
  return { status: 204, headers };
}

export const deleteObject: S3Operation = {
  name: 'DeleteObject',
  access: 'owner',
  run: (ctx, b) =>
    deleteReply(deleteVersion(need(b), ctx.key, ctx.query.get('versionId'), ctx.now)),
};
