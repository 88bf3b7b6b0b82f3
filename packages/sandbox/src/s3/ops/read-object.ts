import { rangeStream } from '../../storage-seed/range-stream';
import { ARCHIVED_CLASSES, type ObjectVersion, type S3Bucket } from '../model';
import { objectHeaders } from '../object-headers';
import { S3Error, invalidArgument, noSuchKey } from '../s3-error';
import { header, need, type S3Context, type S3Operation, type S3Reply } from '../s3-operation';
import { findVersion } from '../s3-state';

/** The version a GetObject/HeadObject names, with S3's errors for deleted and unknown ones. */
export function resolveVersion(
  bucket: S3Bucket,
  key: string,
  versionId: string | undefined,
): ObjectVersion {
  if (versionId === '')
    throw invalidArgument('Version id cannot be the empty string', 'versionId', '');
  const version = findVersion(bucket, key, versionId);
  if (!version) {
    if (
      versionId !== undefined &&
      versionId !== 'null' &&
      !/^[A-Za-z0-9._-]{1,1024}$/.test(versionId)
    )
      throw invalidArgument('Invalid version id specified', 'versionId', versionId);
    throw versionId === undefined
      ? noSuchKey(key)
      : new S3Error('NoSuchVersion', 'The specified version does not exist.', 404, {
          Key: key,
          VersionId: versionId,
        });
  }
  if (version.deleteMarker) {
    const headers = { 'x-amz-delete-marker': 'true', 'x-amz-version-id': version.versionId };
    if (versionId === undefined) throw noSuchKey(key, headers);
    throw new S3Error(
      'MethodNotAllowed',
      'The specified method is not allowed against this resource.',
      405,
      { Method: 'GET', ResourceType: 'DeleteMarker' },
      { ...headers, allow: 'DELETE' },
    );
  }
  return version;
}

/** `If-Match`/`If-None-Match`/`If-(Un)Modified-Since`: 412 or 304, as S3 orders them. */
function preconditions(ctx: S3Context, v: ObjectVersion): S3Reply | null {
  const ifMatch = header(ctx, 'if-match');
  const ifNoneMatch = header(ctx, 'if-none-match');
  const ifModifiedSince = header(ctx, 'if-modified-since');
  const ifUnmodifiedSince = header(ctx, 'if-unmodified-since');
  const matches = (list: string) =>
    list
      .split(',')
      .some((t) => t.trim() === '*' || t.trim() === v.etag || `"${t.trim()}"` === v.etag);
  const seconds = Math.floor(v.lastModified / 1000) * 1000;
  if (ifMatch !== undefined && !matches(ifMatch))
    throw new S3Error(
      'PreconditionFailed',
      'At least one of the pre-conditions you specified did not hold',
      412,
      { Condition: 'If-Match' },
    );
  if (
    ifMatch === undefined &&
    ifUnmodifiedSince !== undefined &&
    seconds > Date.parse(ifUnmodifiedSince)
  )
    throw new S3Error(
      'PreconditionFailed',
      'At least one of the pre-conditions you specified did not hold',
      412,
      { Condition: 'If-Unmodified-Since' },
    );
  if (ifNoneMatch !== undefined && matches(ifNoneMatch))
    return { status: 304, headers: { etag: v.etag } };
  if (
    ifNoneMatch === undefined &&
    ifModifiedSince !== undefined &&
    seconds <= Date.parse(ifModifiedSince)
  )
    return { status: 304, headers: { etag: v.etag } };
  return null;
}

function parseRange(range: string, size: number): [number, number] | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null; // S3 ignores a range it cannot parse
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end)
    throw new S3Error(
      'InvalidRange',
      'The requested range is not satisfiable',
      416,
      { RangeRequested: range, ActualObjectSize: String(size) },
      { 'content-range': `bytes */${size}` },
    );
  return [start, end];
}

const RESPONSE_OVERRIDES = [
  ['response-content-type', 'content-type'],
  ['response-content-disposition', 'content-disposition'],
  ['response-content-encoding', 'content-encoding'],
  ['response-content-language', 'content-language'],
  ['response-cache-control', 'cache-control'],
  ['response-expires', 'expires'],
] as const;

function readObject(ctx: S3Context, bucket: S3Bucket, withBody: boolean): S3Reply {
  const v = resolveVersion(bucket, ctx.key, ctx.query.get('versionId'));
  if (withBody && ARCHIVED_CLASSES.has(v.storageClass))
    throw new S3Error(
      'InvalidObjectState',
      "The operation is not valid for the object's storage class",
      403,
      { StorageClass: v.storageClass },
    );
  const early = preconditions(ctx, v);
  if (early) return early;
  const range = header(ctx, 'range');
  const span = range === undefined ? null : parseRange(range, v.size);
  const headers = objectHeaders(
    v,
    span === null && header(ctx, 'x-amz-checksum-mode') === 'ENABLED',
  );
  for (const [param, name] of RESPONSE_OVERRIDES) {
    const value = ctx.query.get(param);
    if (value !== undefined) headers[name] = value;
  }
  if (span) {
    headers['content-range'] = `bytes ${span[0]}-${span[1]}/${v.size}`;
    headers['content-length'] = String(span[1] - span[0] + 1);
  } else headers['content-length'] = String(v.size);
  if (!withBody) return { status: span ? 206 : 200, headers };
  const status = span ? 206 : 200;
  if (v.readRange) {
    // Streamed in chunks as the client reads: never materialised.
    const [start, end] = span ?? [0, v.size - 1];
    return { status, headers, body: rangeStream(v.readRange, start, end) };
  }
  const data = v.body();
  return { status, headers, body: span ? data.subarray(span[0], span[1] + 1) : data };
}

export const getObject: S3Operation = {
  name: 'GetObject',
  access: 'public-read',
  run: (ctx, b) => readObject(ctx, need(b), true),
};

export const headObject: S3Operation = {
  name: 'HeadObject',
  access: 'public-read',
  run: (ctx, b) => readObject(ctx, need(b), false),
};
