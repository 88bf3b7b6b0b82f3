import { GetBucketLocationCommand } from '@aws-sdk/client-s3';
import type { AwsAccount, ClientPool } from '../client-pool';
import { fromAwsError } from '../errors';

/**
 * GetBucketLocation reports us-east-1 as an empty constraint and the oldest EU buckets as
 * `EU`; everything else is the region name itself.
 */
export function regionOfLocation(constraint: string | undefined | null): string {
  if (!constraint) return 'us-east-1';
  if (constraint === 'EU') return 'eu-west-1';
  return constraint;
}

/**
 * The region of each bucket, learned from ListBuckets (`BucketRegion`) when a listing ran and
 * otherwise asked once with GetBucketLocation, which S3 answers from any region. A failed
 * lookup is not cached. A bucket's region never changes while it exists; a bucket deleted and
 * re-created elsewhere is caught by the client's region-redirect handling.
 */
export class BucketRegions {
  private readonly known = new Map<string, Promise<string>>();

  constructor(
    private readonly clients: ClientPool,
    private readonly homeRegion: string,
  ) {}

  remember(account: AwsAccount, bucket: string, region: string): void {
    this.known.set(`${account.key}/${bucket}`, Promise.resolve(region));
  }

  of(account: AwsAccount, bucket: string): Promise<string> {
    const key = `${account.key}/${bucket}`;
    let region = this.known.get(key);
    if (!region) {
      region = this.lookup(account, bucket);
      this.known.set(key, region);
      region.catch(() => this.known.delete(key));
    }
    return region;
  }

  private async lookup(account: AwsAccount, bucket: string): Promise<string> {
    try {
      const client = this.clients.s3(account, this.homeRegion);
      const output = await client.send(new GetBucketLocationCommand({ Bucket: bucket }));
      return regionOfLocation(output.LocationConstraint);
    } catch (error) {
      throw fromAwsError(error, `Locating bucket ${bucket}`);
    }
  }
}
