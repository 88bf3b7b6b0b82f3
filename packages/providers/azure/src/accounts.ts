import type { TokenCredential } from '@azure/core-auth';
import {
  BlobServiceClient,
  StorageSharedKeyCredential,
  newPipeline,
  type ContainerClient,
} from '@azure/storage-blob';
import { CcxError } from '@ccx/core';
import { rootCertificates } from 'node:tls';
import { computeCredential } from './compute/credential';
import { defaultAzureCredential } from './default-credential';
import { blobEndpointOf, type AzureConfig, type AzureStorageAccountConfig } from './config';

/** How one storage account is reached: its service client and what signs its requests. */
export interface StorageAccount {
  name: string;
  alias: string | null;
  region: string;
  service: BlobServiceClient;
  /** The shared key credential, or the token credential when no key is configured. */
  credential: StorageSharedKeyCredential | TokenCredential;
}

/**
 * The configured storage accounts of one connection. Clients are built on first use and no
 * request is sent while building them, so connecting never touches the network; one token
 * credential is shared by every keyless account, so its token cache is too.
 */
export class StorageAccounts {
  private readonly built = new Map<string, StorageAccount>();
  private tokenCredential: TokenCredential | null = null;

  /** The public roots plus the extra CA, when one is set: ARM's pipelines trust the same. */
  private readonly tlsOptions: { ca: string[] } | undefined;

  /**
   * @param computeSignIn the compute section's credential, when the connection has one: keyless
   *   accounts sign in through it, with or without a client secret, so the connection's one app
   *   keeps one credential, one token cache and one managed-identity probe.
   */
  constructor(
    private readonly connection: string,
    private readonly config: AzureConfig,
    extraCaPem?: string,
    private readonly computeSignIn?: TokenCredential,
  ) {
    this.tlsOptions = extraCaPem ? { ca: [...rootCertificates, extraCaPem] } : undefined;
  }

  names(): string[] {
    return (this.config.storageAccounts ?? []).map((account) => account.name);
  }

  configs(): readonly AzureStorageAccountConfig[] {
    return this.config.storageAccounts ?? [];
  }

  get(name: string): StorageAccount {
    const existing = this.built.get(name);
    if (existing) return existing;
    const config = (this.config.storageAccounts ?? []).find((account) => account.name === name);
    if (!config)
      throw new CcxError(
        'not_found',
        `Storage account ${name} is not configured in connection ${this.connection}`,
      );
    const credential = config.key
      ? new StorageSharedKeyCredential(config.name, config.key)
      : (this.tokenCredential ??= this.keylessCredential());
    const pipeline = newPipeline(credential, {
      retryOptions: {
        maxTries: this.config.maxAttempts,
        // The sandbox answers at once; waiting the cloud's seconds would only slow tests down.
        ...(this.config.sandbox ? { retryDelayInMs: 100, maxRetryDelayInMs: 1000 } : {}),
      },
      userAgentOptions: { userAgentPrefix: 'ccx' },
      // Not in StoragePipelineOptions' type, but the blob client builds its core pipeline from
      // every option of the pipeline, and the core pipeline applies `tlsOptions` to requests.
      ...(this.tlsOptions ? { tlsOptions: this.tlsOptions } : {}),
    });
    const account: StorageAccount = {
      name,
      alias: config.alias ?? null,
      region: config.region ?? 'global',
      service: new BlobServiceClient(blobEndpointOf(this.config, config), pipeline),
      credential,
    };
    this.built.set(name, account);
    return account;
  }

  /**
   * Signs keyless accounts in as the compute section's app, when there is one, through the very
   * credential compute uses: its client secret, or `DefaultAzureCredential` at compute's
   * authority and tenant as `compute.clientId`. A connection without compute signs in at its
   * own `authorityHost` and `tenantId`, when set (beside compute the schema takes them only
   * when they repeat compute's).
   */
  private keylessCredential(): TokenCredential {
    const { compute } = this.config;
    if (compute) return this.computeSignIn ?? computeCredential(compute, this.tlsOptions);
    const { authorityHost, tenantId } = this.config;
    return defaultAzureCredential(`Azure storage sign-in of connection ${this.connection}`, {
      ...(this.tlsOptions ? { tlsOptions: this.tlsOptions } : {}),
      ...(authorityHost ? { authorityHost } : {}),
      ...(tenantId ? { tenant: { id: tenantId, configKey: 'tenantId' } } : {}),
    });
  }

  container(name: string, container: string): ContainerClient {
    return this.get(name).service.getContainerClient(container);
  }
}
