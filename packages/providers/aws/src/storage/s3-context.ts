import type { S3Client } from '@aws-sdk/client-s3';
import type { BucketRef } from '@ccx/core';
import type { AccountDirectory } from '../account-directory';
import type { AwsAccount, ClientPool } from '../client-pool';
import type { BucketRegions } from './bucket-regions';

/** What every S3 operation of a connection shares. */
export interface S3Context {
  connection: string;
  directory: AccountDirectory;
  clients: ClientPool;
  regions: BucketRegions;
  /** Region of account-wide calls (ListBuckets, GetBucketLocation). */
  homeRegion: string;
}

/**
 * The client for a bucket: S3 is one namespace per account, but a request must be signed for
 * the bucket's own region (else `PermanentRedirect`), so the region is resolved (and cached)
 * before the client is picked.
 */
export async function bucketClient(
  ctx: S3Context,
  ref: Pick<BucketRef, 'account' | 'bucket'>,
): Promise<{ client: S3Client; account: AwsAccount; region: string }> {
  const account = await ctx.directory.byId(ref.account);
  const region = await ctx.regions.of(account, ref.bucket);
  return { client: ctx.clients.s3(account, region), account, region };
}
