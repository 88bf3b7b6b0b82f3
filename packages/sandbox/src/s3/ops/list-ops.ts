import { ownerXml } from './bucket-ops';
import {
  decodeToken,
  encodeToken,
  maxKeysParam,
  urlEncodeKey,
  walkKeys,
  type ListEntry,
} from '../list-walk';
import type { ObjectVersion, S3Bucket } from '../model';
import { invalidArgument } from '../s3-error';
import { need, ok, type S3Context, type S3Operation } from '../s3-operation';
import { keysOf, versionsAt } from '../s3-state';
import { document, isoTime, tag } from '../s3-xml';

interface ListParams {
  prefix: string;
  delimiter: string;
  maxKeys: number;
  encode: (text: string) => string;
  encodingType: string | undefined;
}

function listParams(ctx: S3Context): ListParams {
  const encodingType = ctx.query.get('encoding-type');
  if (encodingType !== undefined && encodingType !== 'url')
    throw invalidArgument(
      'Invalid Encoding Method specified in Request',
      'encoding-type',
      encodingType,
    );
  return {
    prefix: ctx.query.get('prefix') ?? '',
    delimiter: ctx.query.get('delimiter') ?? '',
    maxKeys: maxKeysParam(ctx.query.get('max-keys')),
    encode: encodingType === 'url' ? urlEncodeKey : (text) => text,
    encodingType,
  };
}

/** A marker that is itself a common prefix resumes past every key under it. */
function markerPosition(marker: string, p: ListParams) {
  const afterPrefix =
    p.delimiter !== '' &&
    marker.startsWith(p.prefix) &&
    marker.endsWith(p.delimiter) &&
    marker.indexOf(p.delimiter, p.prefix.length) === marker.length - p.delimiter.length;
  return { key: marker, afterPrefix };
}

const currentObject = (bucket: S3Bucket, index: number): ObjectVersion | undefined => {
  const latest = versionsAt(bucket, keysOf(bucket), index)[0];
  return latest && !latest.deleteMarker ? latest : undefined;
};

function contentsXml(v: ObjectVersion, p: ListParams, owner: string | null): string {
  return `<Contents>${tag('Key', p.encode(v.key))}${tag('LastModified', isoTime(v.lastModified))}${tag('ETag', v.etag)}${
    v.checksum
      ? `${tag('ChecksumAlgorithm', v.checksum.algorithm.toUpperCase())}${tag('ChecksumType', 'FULL_OBJECT')}`
      : ''
  }${tag('Size', v.size)}${owner ?? ''}${tag('StorageClass', v.storageClass)}</Contents>`;
}

function entriesXml(
  bucket: S3Bucket,
  entries: ListEntry[],
  p: ListParams,
  owner: string | null,
): string {
  const keys = keysOf(bucket);
  let contents = '';
  let prefixes = '';
  for (const entry of entries) {
    if (entry.kind === 'prefix')
      prefixes += `<CommonPrefixes>${tag('Prefix', p.encode(entry.prefix))}</CommonPrefixes>`;
    else {
      const version = versionsAt(bucket, keys, entry.index)[0];
      if (version) contents += contentsXml(version, p, owner);
    }
  }
  return contents + prefixes;
}

function commonHead(bucket: S3Bucket, p: ListParams): string {
  return `${tag('Name', bucket.name)}${tag('Prefix', p.encode(p.prefix))}${p.delimiter ? tag('Delimiter', p.encode(p.delimiter)) : ''}${tag('MaxKeys', p.maxKeys)}${tag('EncodingType', p.encodingType)}`;
}

export const listObjectsV2: S3Operation = {
  name: 'ListObjectsV2',
  access: 'owner',
  run: (ctx, b) => {
    const bucket = need(b);
    const p = listParams(ctx);
    const token = ctx.query.get('continuation-token');
    const startAfter = ctx.query.get('start-after');
    const after =
      token !== undefined ? decodeToken(token) : startAfter ? markerPosition(startAfter, p) : null;
    const { entries, truncated } = walkKeys(
      keysOf(bucket),
      { ...p, after },
      (i) => currentObject(bucket, i) !== undefined,
    );
    const last = entries[entries.length - 1];
    const owner = ctx.query.get('fetch-owner') === 'true' ? ownerXml(bucket.account) : null;
    return ok(
      document(
        'ListBucketResult',
        `${commonHead(bucket, p)}${tag('IsTruncated', truncated)}${tag('KeyCount', entries.length)}${tag('ContinuationToken', token)}${
          truncated && last ? tag('NextContinuationToken', encodeToken(last)) : ''
        }${startAfter !== undefined ? tag('StartAfter', p.encode(startAfter)) : ''}${entriesXml(bucket, entries, p, owner)}`,
      ),
    );
  },
};

export const listObjects: S3Operation = {
  name: 'ListObjects',
  access: 'owner',
  run: (ctx, b) => {
    const bucket = need(b);
    const p = listParams(ctx);
    const marker = ctx.query.get('marker') ?? '';
    const after = marker ? markerPosition(marker, p) : null;
    const { entries, truncated } = walkKeys(
      keysOf(bucket),
      { ...p, after },
      (i) => currentObject(bucket, i) !== undefined,
    );
    const last = entries[entries.length - 1];
    const nextMarker =
      truncated && p.delimiter && last
        ? last.kind === 'prefix'
          ? last.prefix
          : last.key
        : undefined;
    return ok(
      document(
        'ListBucketResult',
        `${commonHead(bucket, p)}${tag('Marker', p.encode(marker))}${tag('IsTruncated', truncated)}${
          nextMarker !== undefined ? tag('NextMarker', p.encode(nextMarker)) : ''
        }${entriesXml(bucket, entries, p, ownerXml(bucket.account))}`,
      ),
    );
  },
};

export const listObjectVersions: S3Operation = {
  name: 'ListObjectVersions',
  access: 'owner',
  run: (ctx, b) => {
    const bucket = need(b);
    const p = listParams(ctx);
    const keyMarker = ctx.query.get('key-marker') ?? '';
    const versionMarker = ctx.query.get('version-id-marker') ?? '';
    if (versionMarker && !keyMarker)
      throw invalidArgument(
        'A version-id marker cannot be specified without a key marker.',
        'version-id-marker',
        versionMarker,
      );
    const keys = keysOf(bucket);
    // Each key has at least one version, so max + 1 keys are enough to fill a page and see past it.
    const { entries } = walkKeys(
      keys,
      {
        ...p,
        maxKeys: p.maxKeys + 1,
        after: keyMarker
          ? versionMarker
            ? { key: keyMarker, afterPrefix: false, inclusive: true }
            : markerPosition(keyMarker, p)
          : null,
      },
      () => true,
    );
    const owner = ownerXml(bucket.account);
    let body = '';
    let prefixes = '';
    let count = 0;
    let truncated = false;
    let next: { key: string; versionId: string } | null = null;
    outer: for (const entry of entries) {
      if (entry.kind === 'prefix') {
        if (count === p.maxKeys) {
          truncated = true;
          break;
        }
        prefixes += `<CommonPrefixes>${tag('Prefix', p.encode(entry.prefix))}</CommonPrefixes>`;
        next = { key: entry.prefix, versionId: '' };
        count++;
        continue;
      }
      let versions = versionsAt(bucket, keys, entry.index);
      if (entry.key === keyMarker && versionMarker) {
        const at = versions.findIndex((v) => v.versionId === versionMarker);
        versions = at === -1 ? versions : versions.slice(at + 1);
      }
      const latest = versionsAt(bucket, keys, entry.index)[0];
      for (const v of versions) {
        if (count === p.maxKeys) {
          truncated = true;
          break outer;
        }
        const isLatest = v.versionId === latest?.versionId;
        body += v.deleteMarker
          ? `<DeleteMarker>${tag('Key', p.encode(v.key))}${tag('VersionId', v.versionId)}${tag('IsLatest', isLatest)}${tag('LastModified', isoTime(v.lastModified))}${owner}</DeleteMarker>`
          : `<Version>${tag('Key', p.encode(v.key))}${tag('VersionId', v.versionId)}${tag('IsLatest', isLatest)}${tag('LastModified', isoTime(v.lastModified))}${tag('ETag', v.etag)}${tag('Size', v.size)}${owner}${tag('StorageClass', v.storageClass)}</Version>`;
        next = { key: v.key, versionId: v.versionId };
        count++;
      }
    }
    return ok(
      document(
        'ListVersionsResult',
        `${tag('Name', bucket.name)}${tag('Prefix', p.encode(p.prefix))}${tag('KeyMarker', p.encode(keyMarker))}${tag('VersionIdMarker', versionMarker)}${
          truncated && next
            ? `${tag('NextKeyMarker', p.encode(next.key))}${next.versionId ? tag('NextVersionIdMarker', next.versionId) : ''}`
            : ''
        }${tag('MaxKeys', p.maxKeys)}${p.delimiter ? tag('Delimiter', p.encode(p.delimiter)) : ''}${tag('EncodingType', p.encodingType)}${tag('IsTruncated', truncated)}${body}${prefixes}`,
      ),
    );
  },
};
