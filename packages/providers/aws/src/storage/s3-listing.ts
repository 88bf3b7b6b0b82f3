import {
  ListObjectVersionsCommand,
  paginateListObjectsV2,
  type ListObjectsV2CommandOutput,
} from '@aws-sdk/client-s3';
import {
  invalidInput,
  type BucketRef,
  type ListObjectsOptions,
  type ObjectEntry,
  type ObjectPage,
  type ObjectVersion,
} from '@ccx/core';
import { fromAwsError } from '../errors';
import { bucketClient, type S3Context } from './s3-context';
import { storageClassOf } from './s3-object-info';

/**
 * Listings ask for `encoding-type=url`: S3's XML cannot carry keys with control characters
 * (XML 1.0 forbids most of them), so without it one such key breaks the whole page. S3 encodes
 * form-style, `+` for a space.
 */
const decodeKey = (value: string): string => decodeURIComponent(value.replace(/\+/g, ' '));

const utf8Order = (a: string, b: string): number =>
  Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** S3 returns objects and common prefixes in separate lists; one page shows them in key order. */
function toEntries(page: ListObjectsV2CommandOutput): ObjectEntry[] {
  const entries: ObjectEntry[] = [];
  for (const item of page.Contents ?? []) {
    if (item.Key === undefined) continue;
    entries.push({
      kind: 'object',
      key: decodeKey(item.Key),
      size: item.Size ?? 0,
      lastModified: (item.LastModified ?? new Date(0)).toISOString(),
      etag: item.ETag ?? null,
      storageClass: storageClassOf(item.StorageClass),
    });
  }
  for (const common of page.CommonPrefixes ?? [])
    if (common.Prefix !== undefined)
      entries.push({ kind: 'prefix', prefix: decodeKey(common.Prefix) });
  return entries.sort((a, b) =>
    utf8Order(a.kind === 'object' ? a.key : a.prefix, b.kind === 'object' ? b.key : b.prefix),
  );
}

/**
 * Pages of ListObjectsV2 through the SDK paginator. The cursor is S3's own continuation token
 * (handed back as `startingToken`), so a caller resumes exactly where the page ended even in
 * another process.
 */
export async function* listObjectPages(
  ctx: S3Context,
  ref: BucketRef,
  options: ListObjectsOptions = {},
): AsyncIterable<ObjectPage> {
  const pageSize = options.pageSize ?? 1000;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)
    throw invalidInput('pageSize must be an integer from 1 to 1000');
  try {
    const { client } = await bucketClient(ctx, ref);
    const pages = paginateListObjectsV2(
      { client, pageSize, startingToken: options.cursor },
      {
        Bucket: ref.bucket,
        Prefix: options.prefix || undefined,
        Delimiter: options.delimiter || undefined,
        EncodingType: 'url',
      },
      { abortSignal: options.signal },
    );
    for await (const page of pages) {
      const next = page.IsTruncated ? (page.NextContinuationToken ?? null) : null;
      yield { entries: toEntries(page), cursor: next };
    }
  } catch (error) {
    throw fromAwsError(error, `Listing objects of bucket ${ref.bucket}`);
  }
}

/**
 * Every version and delete marker under a prefix, newest first per key. The SDK ships no
 * paginator for ListObjectVersions (its model declares no pagination trait: two markers, key
 * and version id), so this is the one hand-driven marker loop.
 */
export async function* listObjectVersions(
  ctx: S3Context,
  ref: BucketRef,
  options: { prefix?: string; signal?: AbortSignal } = {},
): AsyncIterable<ObjectVersion> {
  try {
    const { client } = await bucketClient(ctx, ref);
    let KeyMarker: string | undefined;
    let VersionIdMarker: string | undefined;
    for (;;) {
      const page = await client.send(
        new ListObjectVersionsCommand({
          Bucket: ref.bucket,
          Prefix: options.prefix || undefined,
          KeyMarker,
          VersionIdMarker,
          EncodingType: 'url',
        }),
        { abortSignal: options.signal },
      );
      const versions: ObjectVersion[] = [];
      for (const v of page.Versions ?? [])
        versions.push({
          key: decodeKey(v.Key ?? ''),
          versionId: v.VersionId ?? 'null',
          isLatest: v.IsLatest === true,
          isDeleteMarker: false,
          size: v.Size ?? 0,
          lastModified: (v.LastModified ?? new Date(0)).toISOString(),
          storageClass: storageClassOf(v.StorageClass),
        });
      for (const m of page.DeleteMarkers ?? [])
        versions.push({
          key: decodeKey(m.Key ?? ''),
          versionId: m.VersionId ?? 'null',
          isLatest: m.IsLatest === true,
          isDeleteMarker: true,
          size: 0,
          lastModified: (m.LastModified ?? new Date(0)).toISOString(),
          storageClass: null,
        });
      versions.sort(
        (a, b) =>
          utf8Order(a.key, b.key) ||
          Number(b.isLatest) - Number(a.isLatest) ||
          b.lastModified.localeCompare(a.lastModified),
      );
      yield* versions;
      if (!page.IsTruncated) return;
      KeyMarker = page.NextKeyMarker === undefined ? undefined : decodeKey(page.NextKeyMarker);
      VersionIdMarker = page.NextVersionIdMarker;
    }
  } catch (error) {
    throw fromAwsError(error, `Listing versions in bucket ${ref.bucket}`);
  }
}
