import type { GetObjectOutput, HeadObjectOutput, Tag } from '@aws-sdk/client-s3';
import type { ObjectInfo } from '@ccx/core';

/** S3 omits the storage class of STANDARD objects in HEAD, GET and listings. */
export const storageClassOf = (value: string | undefined): string => value ?? 'STANDARD';

export function tagsOf(tagSet: readonly Tag[] | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of tagSet ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
  return tags;
}

/** Total object size from `Content-Range: bytes 2-5/10`, for a ranged GET. */
function totalSize(output: GetObjectOutput): number | undefined {
  const match = /\/(\d+)$/.exec(output.ContentRange ?? '');
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

export function toObjectInfo(
  key: string,
  output: HeadObjectOutput | GetObjectOutput,
  tags: Record<string, string>,
): ObjectInfo {
  const size =
    ('ContentRange' in output ? totalSize(output) : undefined) ?? output.ContentLength ?? 0;
  return {
    key,
    size,
    lastModified: (output.LastModified ?? new Date(0)).toISOString(),
    etag: output.ETag ?? null,
    contentType: output.ContentType ?? null,
    storageClass: storageClassOf(output.StorageClass),
    versionId: output.VersionId && output.VersionId !== 'null' ? output.VersionId : null,
    metadata: { ...output.Metadata },
    tags,
    lastAccessedAt: null,
    encryption: output.ServerSideEncryption ?? null,
  };
}
