import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import type { ClientSettings } from './client-settings';
import type { Credentials } from './credentials';

/** A configured account of a connection: its position in the config is its stable key. */
export interface AwsAccount {
  key: number;
  alias: string | null;
  credentials: Credentials;
}

/**
 * SDK clients per account × region (× service), created on first use and reused: a client
 * holds its credential cache and retry quota, so one per scope is both cheaper and kinder to
 * the API. `close()` destroys them all; the connection owns the pool, nothing is global.
 */
export class ClientPool {
  private readonly ec2Clients = new Map<string, EC2Client>();
  private readonly stsClients = new Map<number, STSClient>();
  private readonly s3Clients = new Map<string, S3Client>();
  private readonly cloudWatchClients = new Map<string, CloudWatchClient>();
  private readonly ecsClients = new Map<string, ECSClient>();

  constructor(private readonly settings: ClientSettings) {}

  ec2(account: AwsAccount, region: string): EC2Client {
    const key = `${account.key}/${region}`;
    let client = this.ec2Clients.get(key);
    if (!client) {
      client = new EC2Client({
        ...this.settings.forRegion(region),
        credentials: account.credentials,
      });
      this.ec2Clients.set(key, client);
    }
    return client;
  }

  cloudWatch(account: AwsAccount, region: string): CloudWatchClient {
    return this.regional(
      this.cloudWatchClients,
      account,
      region,
      (settings) => new CloudWatchClient({ ...settings, credentials: account.credentials }),
    );
  }

  ecs(account: AwsAccount, region: string): ECSClient {
    return this.regional(
      this.ecsClients,
      account,
      region,
      (settings) => new ECSClient({ ...settings, credentials: account.credentials }),
    );
  }

  private regional<T>(
    clients: Map<string, T>,
    account: AwsAccount,
    region: string,
    make: (settings: ReturnType<ClientSettings['forRegion']>) => T,
  ): T {
    const key = `${account.key}/${region}`;
    let client = clients.get(key);
    if (!client) {
      client = make(this.settings.forRegion(region));
      clients.set(key, client);
    }
    return client;
  }

  /**
   * S3 in one region. Bucket operations must be signed for the bucket's own region, so callers
   * resolve it first; an endpoint override (the sandbox, a gateway) means path-style
   * addressing, since a bucket-name subdomain of a loopback address cannot resolve.
   */
  s3(account: AwsAccount, region: string): S3Client {
    const key = `${account.key}/${region}`;
    let client = this.s3Clients.get(key);
    if (!client) {
      const settings = this.settings.forRegion(region);
      client = new S3Client({
        ...settings,
        credentials: account.credentials,
        forcePathStyle: settings.endpoint !== undefined,
        followRegionRedirects: true,
      });
      this.s3Clients.set(key, client);
    }
    return client;
  }

  sts(account: AwsAccount): STSClient {
    let client = this.stsClients.get(account.key);
    if (!client) {
      client = new STSClient({
        ...this.settings.forRegion(this.settings.homeRegion),
        credentials: account.credentials,
      });
      this.stsClients.set(account.key, client);
    }
    return client;
  }

  /** Number of live clients, for tests and diagnostics. */
  size(): number {
    return (
      this.ec2Clients.size +
      this.stsClients.size +
      this.s3Clients.size +
      this.cloudWatchClients.size +
      this.ecsClients.size
    );
  }

  close(): void {
    for (const client of [
      ...this.ec2Clients.values(),
      ...this.stsClients.values(),
      ...this.s3Clients.values(),
      ...this.cloudWatchClients.values(),
      ...this.ecsClients.values(),
    ])
      client.destroy();
    this.ec2Clients.clear();
    this.stsClients.clear();
    this.s3Clients.clear();
    this.cloudWatchClients.clear();
    this.ecsClients.clear();
    this.settings.requestHandler.destroy();
  }
}
