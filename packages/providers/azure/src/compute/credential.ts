import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { AzureComputeConfig } from '../config';
import { defaultCredentialOptions } from '../default-credential';
import { signInError } from '../sign-in-errors';

/** TLS settings for every Azure pipeline: the public roots plus the extra CA, when one is set. */
export interface ArmTls {
  ca: string[];
}

/**
 * The credential of the compute part of a connection, built on the first token request so a
 * connection that never lists VMs never loads MSAL. The connection's keyless storage accounts
 * share it, so the app has one token cache. With a client secret it is the app's
 * `ClientSecretCredential`; without, `DefaultAzureCredential` for the tenant, as the configured
 * app (`compute.clientId`): a different `AZURE_TENANT_ID` or `AZURE_CLIENT_ID` is refused where
 * the chain reads them. A custom authority host (sovereign cloud, sandbox) turns instance
 * discovery off, which only knows Microsoft's hosts. The extra CA reaches MSAL's requests
 * through the credential's pipeline.
 * The default chain's first credential reads `AZURE_TENANT_ID`, `AZURE_CLIENT_ID` and
 * `AZURE_CLIENT_SECRET` and gets these same options, so it signs in at the configured authority.
 * A failed sign-in is a `forbidden` error that says what to configure.
 */
export function computeCredential(
  config: AzureComputeConfig,
  tls: ArmTls | undefined,
): TokenCredential {
  let credential: Promise<TokenCredential> | null = null;
  const build = async (): Promise<TokenCredential> => {
    const identity = await import('@azure/identity');
    const common = {
      ...(config.authorityHost
        ? { authorityHost: config.authorityHost, disableInstanceDiscovery: true }
        : {}),
      ...(tls ? { tlsOptions: tls } : {}),
    };
    return config.clientSecret
      ? new identity.ClientSecretCredential(
          config.tenantId,
          config.clientId,
          config.clientSecret,
          common,
        )
      : new identity.DefaultAzureCredential(
          defaultCredentialOptions({
            ...(tls ? { tlsOptions: tls } : {}),
            ...(config.authorityHost ? { authorityHost: config.authorityHost } : {}),
            tenant: { id: config.tenantId, configKey: 'compute.tenantId' },
            client: { id: config.clientId, configKey: 'compute.clientId' },
          }),
        );
  };
  return {
    async getToken(
      scopes: string | string[],
      options?: GetTokenOptions,
    ): Promise<AccessToken | null> {
      credential ??= build();
      try {
        return await (await credential).getToken(scopes, options);
      } catch (error) {
        throw signInError(error, {
          what: `Azure sign-in to tenant ${config.tenantId} as compute.clientId`,
          configKey: 'compute.clientSecret',
        });
      }
    },
  };
}
