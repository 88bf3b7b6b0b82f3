import { ARCHIVED_CLASSES } from '../model';
import { metadataFrom, storageClassFrom } from '../object-headers';
import { publicReadAllowed } from '../policy';
import { S3Error, accessDenied, invalidArgument } from '../s3-error';
import { header, need, ok, type S3Operation } from '../s3-operation';
import { putVersion } from '../s3-state';
import { document, isoTime, tag } from '../s3-xml';
import { resolveVersion } from './read-object';
import { parseTaggingHeader } from './tag-set';
import { writeHeaders, writePreconditions } from './write-object';

/** `x-amz-copy-source`: `[/]bucket/key[?versionId=…]`, the key URL-encoded. */
function parseCopySource(raw: string): {
  bucket: string;
  key: string;
  versionId: string | undefined;
} {
  const q = raw.indexOf('?');
  let path: string;
  try {
    path = decodeURIComponent(q === -1 ? raw : raw.slice(0, q));
  } catch {
    throw invalidArgument('Invalid copy source encoding', 'x-amz-copy-source', raw);
  }
  if (path.startsWith('/')) path = path.slice(1);
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1)
    throw invalidArgument(
      'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
      'x-amz-copy-source',
      raw,
    );
  const versionId =
    q === -1 ? undefined : (new URLSearchParams(raw.slice(q + 1)).get('versionId') ?? undefined);
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1), versionId };
}

export const copyObject: S3Operation = {
  name: 'CopyObject',
  access: 'owner',
  run: (ctx, b) => {
    const bucket = need(b);
    const source = parseCopySource(header(ctx, 'x-amz-copy-source') ?? '');
    const sourceBucket = ctx.state.bucket(source.bucket);
    if (sourceBucket.account !== ctx.principal?.accountId && !publicReadAllowed(sourceBucket))
      throw accessDenied();
    const from = resolveVersion(sourceBucket, source.key, source.versionId);
    if (ARCHIVED_CLASSES.has(from.storageClass))
      throw new S3Error(
        'InvalidObjectState',
        "The operation is not valid for the object's storage class",
        403,
        { StorageClass: from.storageClass },
      );
    const replaceMetadata = header(ctx, 'x-amz-metadata-directive') === 'REPLACE';
    const replaceTags = header(ctx, 'x-amz-tagging-directive') === 'REPLACE';
    const storageClass = storageClassFrom(header(ctx, 'x-amz-storage-class'));
    // Copying a named (older) version onto its own key is how S3 documents restoring it.
    const sameObject =
      source.bucket === bucket.name && source.key === ctx.key && source.versionId === undefined;
    if (
      sameObject &&
      !replaceMetadata &&
      storageClass === from.storageClass &&
      header(ctx, 'x-amz-storage-class') === undefined
    )
      throw new S3Error(
        'InvalidRequest',
        "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
        400,
      );
    writePreconditions(ctx, bucket);
    const v = putVersion(bucket, {
      ...from,
      key: ctx.key,
      lastModified: ctx.now,
      storageClass,
      contentType: replaceMetadata
        ? (header(ctx, 'content-type') ?? 'application/octet-stream')
        : from.contentType,
      metadata: replaceMetadata ? metadataFrom(ctx.headers) : { ...from.metadata },
      tags: replaceTags ? parseTaggingHeader(header(ctx, 'x-amz-tagging')) : { ...from.tags },
    });
    const headers = writeHeaders(bucket, v);
    delete headers.etag;
    if (from.versionId !== 'null') headers['x-amz-copy-source-version-id'] = from.versionId;
    return ok(
      document(
        'CopyObjectResult',
        `${tag('LastModified', isoTime(v.lastModified))}${tag('ETag', v.etag)}`,
      ),
      headers,
    );
  },
};
