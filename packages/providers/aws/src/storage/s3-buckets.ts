import { paginateListBuckets } from '@aws-sdk/client-s3';
import type { Bucket, BucketRef } from '@ccx/core';
import { fromAwsError } from '../errors';
import { readBucketPosture } from './bucket-posture';
import { regionOfLocation } from './bucket-regions';
import { bucketClient, type S3Context } from './s3-context';

/** Buckets whose posture is read at once. */
const POSTURE_CONCURRENCY = 4;

/**
 * Every bucket of one account with its posture. ListBuckets is account-wide; it reports each
 * bucket's region (`BucketRegion`) where S3 does, which saves a GetBucketLocation per bucket.
 * Posture reads go to the bucket's own region, a few buckets at a time (each reads its eight
 * settings at once), so a large account neither waits bucket after bucket nor bursts hundreds
 * of requests. Buckets come out in listing order. `onlyRegion` skips the posture reads of
 * other regions' buckets.
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
      const listed = (page.Buckets ?? []).filter((b) => b.Name);
      for (let at = 0; at < listed.length; at += POSTURE_CONCURRENCY) {
        const read = await Promise.all(
          listed.slice(at, at + POSTURE_CONCURRENCY).map(async (b) => {
            const name = b.Name ?? '';
            if (b.BucketRegion)
              ctx.regions.remember(account, name, regionOfLocation(b.BucketRegion));
            const { client: regional, region } = await bucketClient(ctx, {
              account: accountId,
              bucket: name,
            });
            if (onlyRegion !== undefined && region !== onlyRegion) return null;
            return readBucketPosture(regional, {
              connection: ctx.connection,
              account: accountId,
              bucket: name,
              region,
              createdAt: b.CreationDate?.toISOString() ?? null,
            });
          }),
        );
        for (const bucket of read) if (bucket !== null) yield bucket;
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
