import { EC2Client } from '@aws-sdk/client-ec2';
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
    return this.ec2Clients.size + this.stsClients.size;
  }

  close(): void {
    for (const client of [...this.ec2Clients.values(), ...this.stsClients.values()])
      client.destroy();
    this.ec2Clients.clear();
    this.stsClients.clear();
    this.settings.requestHandler.destroy();
  }
}
