import { ComputeManagementClient } from '@azure/arm-compute';
import { MonitorClient } from '@azure/arm-monitor';
import type { TokenCredential } from '@azure/core-auth';
import { rootCertificates } from 'node:tls';
import type { AzureComputeConfig } from '../config';
import { computeCredential, type ArmTls } from './credential';

/** ARM polls every few seconds; the sandbox answers at once. */
const CLOUD_POLL_MS = 5000;
const SANDBOX_POLL_MS = 50;

/**
 * One ARM client of each kind per subscription, sharing one credential (so one token cache).
 * The token scope is the endpoint's own `/.default`: arm-compute would otherwise ask for the
 * public cloud's audience whatever its endpoint.
 */
export class ArmClients {
  readonly credential: TokenCredential;
  readonly pollIntervalMs: number;
  private readonly tls: ArmTls | undefined;
  private readonly computeClients = new Map<string, ComputeManagementClient>();
  private readonly monitorClients = new Map<string, MonitorClient>();

  constructor(
    readonly config: AzureComputeConfig,
    private readonly pipeline: { maxAttempts: number; sandbox: boolean; extraCaPem?: string },
  ) {
    this.tls = pipeline.extraCaPem ? { ca: [...rootCertificates, pipeline.extraCaPem] } : undefined;
    this.credential = computeCredential(config, this.tls);
    this.pollIntervalMs =
      config.pollIntervalMs ?? (pipeline.sandbox ? SANDBOX_POLL_MS : CLOUD_POLL_MS);
  }

  get endpoint(): string {
    return this.config.resourceManagerEndpoint;
  }

  private options() {
    return {
      endpoint: this.endpoint,
      ...(this.tls ? { tlsOptions: this.tls } : {}),
      retryOptions: {
        maxRetries: this.pipeline.maxAttempts - 1,
        // The sandbox answers at once; waiting the cloud's seconds would only slow tests down.
        ...(this.pipeline.sandbox ? { retryDelayInMs: 20, maxRetryDelayInMs: 200 } : {}),
      },
      userAgentOptions: { userAgentPrefix: 'ccx' },
    };
  }

  compute(subscriptionId: string): ComputeManagementClient {
    let client = this.computeClients.get(subscriptionId);
    if (!client) {
      client = new ComputeManagementClient(this.credential, subscriptionId, {
        ...this.options(),
        credentials: { scopes: [`${this.endpoint}/.default`] },
      });
      this.computeClients.set(subscriptionId, client);
    }
    return client;
  }

  monitor(subscriptionId: string): MonitorClient {
    let client = this.monitorClients.get(subscriptionId);
    if (!client) {
      client = new MonitorClient(this.credential, subscriptionId, {
        ...this.options(),
        credentialScopes: [`${this.endpoint}/.default`],
      });
      this.monitorClients.set(subscriptionId, client);
    }
    return client;
  }
}
