import { paginateListBuckets } from '@aws-sdk/client-s3';
import type { Bucket, BucketRef } from '@ccx/core';
import { fromAwsError } from '../errors';
import { readBucketPosture } from './bucket-posture';
import { regionOfLocation } from './bucket-regions';
import { bucketClient, type S3Context } from './s3-context';

/**
 * Every bucket of one account with its posture. ListBuckets is account-wide; it reports each
 * bucket's region (`BucketRegion`) where S3 does, which saves a GetBucketLocation per bucket.
 * Posture reads go to the bucket's own region, one bucket at a time so a large account does
 * not burst hundreds of requests. `onlyRegion` skips the posture reads of other regions' buckets.
 */
export async function* listS3Buckets(
  ctx: S3Context,
  accountId: string,
  signal?: AbortSignal,
  onlyRegion?: string,
): AsyncIterable<Bucket> {
  const account = await ctx.directory.byId(accountId);
  const client = ctx.clients.s3(account, ctx.homeRegion);
  const pages = paginateListBuckets({ client, pageSize: 1000 }, {}, { abortSignal: signal });
  try {
    for await (const page of pages) {
      for (const b of page.Buckets ?? []) {
        if (!b.Name) continue;
        if (b.BucketRegion) ctx.regions.remember(account, b.Name, regionOfLocation(b.BucketRegion));
        const { client: regional, region } = await bucketClient(ctx, {
          account: accountId,
          bucket: b.Name,
        });
        if (onlyRegion !== undefined && region !== onlyRegion) continue;
        yield await readBucketPosture(regional, {
          connection: ctx.connection,
          account: accountId,
          bucket: b.Name,
          region,
          createdAt: b.CreationDate?.toISOString() ?? null,
        });
      }
    }
  } catch (error) {
    throw fromAwsError(error, `Listing buckets of account ${accountId}`);
  }
}

/**
 * One bucket. S3 has no call that returns a bucket's creation date alone, so it is taken from
 * ListBuckets filtered by the name as a prefix (the listing is account-wide and cheap).
 */
export async function getS3Bucket(ctx: S3Context, ref: BucketRef): Promise<Bucket> {
  const { client, account, region } = await bucketClient(ctx, ref);
  let createdAt: string | null = null;
  try {
    const home = ctx.clients.s3(account, ctx.homeRegion);
    for await (const page of paginateListBuckets(
      { client: home, pageSize: 1000 },
      { Prefix: ref.bucket },
    )) {
      const match = page.Buckets?.find((b) => b.Name === ref.bucket);
      if (match) createdAt = match.CreationDate?.toISOString() ?? null;
      if (match) break;
    }
  } catch (error) {
    throw fromAwsError(error, `Reading bucket ${ref.bucket}`);
  }
  return readBucketPosture(client, {
    connection: ctx.connection,
    account: ref.account,
    bucket: ref.bucket,
    region,
    createdAt,
  });
}
