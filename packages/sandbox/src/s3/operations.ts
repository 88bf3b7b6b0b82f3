import * as bucketConfig from './ops/bucket-config-ops';
import * as publicAccess from './ops/public-access-ops';
import * as buckets from './ops/bucket-ops';
import { copyObject } from './ops/copy-object';
import { deleteObjects } from './ops/delete-objects';
import { listObjects, listObjectsV2, listObjectVersions } from './ops/list-ops';
import * as multipart from './ops/multipart-ops';
import * as tagging from './ops/object-tagging';
import { getObject, headObject } from './ops/read-object';
import { deleteObject, putObject } from './ops/write-object';
import { notImplemented } from './s3-error';
import type { S3Operation } from './s3-operation';

type BySubresource = readonly (readonly [string, S3Operation])[];

/** Bucket subresources by method: the first query parameter present names the operation. */
const BUCKET: Record<string, { sub: BySubresource; plain: S3Operation }> = {
  GET: {
    sub: [
      ['versioning', buckets.getBucketVersioning],
      ['tagging', bucketConfig.getBucketTagging],
      ['publicAccessBlock', publicAccess.getPublicAccessBlock],
      ['policyStatus', publicAccess.getBucketPolicyStatus],
      ['policy', publicAccess.getBucketPolicy],
      ['encryption', bucketConfig.getBucketEncryption],
      ['logging', bucketConfig.getBucketLogging],
      ['lifecycle', bucketConfig.getBucketLifecycleConfiguration],
      ['acl', bucketConfig.getBucketAcl],
      ['location', buckets.getBucketLocation],
      ['versions', listObjectVersions],
    ],
    plain: listObjects,
  },
  PUT: {
    sub: [
      ['versioning', buckets.putBucketVersioning],
      ['tagging', bucketConfig.putBucketTagging],
      ['publicAccessBlock', publicAccess.putPublicAccessBlock],
      ['policy', publicAccess.putBucketPolicy],
      ['encryption', bucketConfig.putBucketEncryption],
    ],
    plain: buckets.createBucket,
  },
  DELETE: {
    sub: [
      ['tagging', bucketConfig.deleteBucketTagging],
      ['publicAccessBlock', publicAccess.deletePublicAccessBlock],
      ['policy', publicAccess.deleteBucketPolicy],
    ],
    plain: buckets.deleteBucket,
  },
  HEAD: { sub: [], plain: buckets.headBucket },
};

/** Parameters the plain bucket verbs (create, list, delete, head) understand. */
const BUCKET_PARAMS = new Set([
  'list-type',
  'prefix',
  'delimiter',
  'max-keys',
  'continuation-token',
  'start-after',
  'encoding-type',
  'fetch-owner',
  'marker',
  'x-id',
]);
/** Parameters the plain object verbs (get, put, head, delete) understand. */
const OBJECT_PARAMS = new Set(['versionId', 'partNumber', 'x-id']);

/**
 * A subresource the sandbox does not model (`?cors`, `?lifecycle` on PUT…) is NotImplemented,
 * never the plain verb: a `DELETE /bucket?cors` must not delete the bucket.
 */
function refuseUnknown(query: ReadonlyMap<string, string>, known: ReadonlySet<string>): void {
  for (const name of query.keys()) {
    if (known.has(name) || name.toLowerCase().startsWith('x-amz-') || name.startsWith('response-'))
      continue;
    throw notImplemented(`?${name}`);
  }
}

/**
 * Which S3 operation a request is, from method, path shape and query, the way S3 dispatches:
 * a subresource parameter (`?tagging`, `?uploads`…) wins over the plain object or bucket verb,
 * and `x-amz-copy-source` turns a PUT into a copy.
 */
export function resolveOperation(
  method: string,
  bucket: string,
  key: string,
  query: ReadonlyMap<string, string>,
  copySource: boolean,
): S3Operation {
  if (bucket === '') {
    if (method === 'GET') return buckets.listBuckets;
    throw notImplemented(`${method} /`);
  }
  if (key === '') {
    if (method === 'POST' && query.has('delete')) return deleteObjects;
    const table = BUCKET[method];
    if (!table) throw notImplemented(`${method} on a bucket`);
    const sub = table.sub.find(([name]) => query.has(name));
    if (sub) return sub[1];
    refuseUnknown(query, BUCKET_PARAMS);
    if (method === 'GET' && query.get('list-type') === '2') return listObjectsV2;
    return table.plain;
  }
  const uploadId = query.has('uploadId');
  switch (method) {
    case 'GET':
      if (uploadId) return multipart.listParts;
      if (query.has('tagging')) return tagging.getObjectTagging;
      break;
    case 'HEAD':
      return headObject;
    case 'PUT':
      if (uploadId && query.has('partNumber')) {
        if (copySource) throw notImplemented('UploadPartCopy');
        return multipart.uploadPart;
      }
      if (query.has('tagging')) return tagging.putObjectTagging;
      break;
    case 'DELETE':
      if (uploadId) return multipart.abortMultipartUpload;
      if (query.has('tagging')) return tagging.deleteObjectTagging;
      break;
    case 'POST':
      if (query.has('uploads')) return multipart.createMultipartUpload;
      if (uploadId) return multipart.completeMultipartUpload;
      throw notImplemented('POST on an object');
    default:
      throw notImplemented(method);
  }
  refuseUnknown(query, OBJECT_PARAMS);
  if (method === 'GET') return getObject;
  if (method === 'PUT') return copySource ? copyObject : putObject;
  return deleteObject;
}
