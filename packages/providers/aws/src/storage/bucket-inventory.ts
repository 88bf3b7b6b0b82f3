import { BUCKET_TYPES, bucketResource, type Resource, type Scope } from '@ccx/core';
import { listS3Buckets } from './s3-buckets';
import type { S3Context } from './s3-context';

export const S3_BUCKET = BUCKET_TYPES.aws;

/**
 * S3 buckets as inventory resources. S3 lists buckets per account, not per region, so each
 * scope (account × region) keeps the buckets whose region is its own: every bucket is listed
 * by exactly one scope, and a complete listing of a scope is a complete set for it.
 */
export async function* listBucketResources(
  ctx: S3Context,
  scope: Scope,
  signal?: AbortSignal,
): AsyncIterable<Resource> {
  for await (const bucket of listS3Buckets(ctx, scope.account, signal, scope.region)) {
    yield bucketResource(scope, { ...bucket, provider: 'aws' });
  }
}
