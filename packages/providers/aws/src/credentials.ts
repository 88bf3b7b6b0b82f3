import {
  fromIni,
  fromNodeProviderChain,
  fromTemporaryCredentials,
} from '@aws-sdk/credential-providers';
import {
  doesIdentityRequireRefresh,
  isIdentityExpired,
  memoizeIdentityProvider,
} from '@smithy/core';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { AwsAccountConfig, AwsConfig } from './config';
import type { ClientSettings } from './client-settings';

export type Credentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;

/** Caches a provider's credentials until shortly before they expire. */
function memoized(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  const cached = memoizeIdentityProvider(provider, isIdentityExpired, doesIdentityRequireRefresh);
  return cached ?? provider;
}

/**
 * The connection's base credentials: the static keys of the config when given (the sandbox),
 * else the SDK's default provider chain (env, profiles, SSO, container and instance roles).
 */
export function baseCredentials(config: AwsConfig): Credentials {
  if (config.credentials) return { ...config.credentials };
  return memoized(fromNodeProviderChain());
}

/**
 * Credentials for one configured account. A role is assumed with the base credentials as the
 * master credentials, through an STS client that gets the connection's endpoint, CA and retry
 * settings like every other client. The provider is memoized (refreshed shortly before
 * expiry) because clients for many regions share it and AssumeRole is itself rate-limited.
 */
export function accountCredentials(
  account: AwsAccountConfig,
  base: Credentials,
  settings: ClientSettings,
  sessionName: string,
): Credentials {
  if ('profile' in account) {
    return memoized(fromIni({ profile: account.profile }));
  }
  if ('roleArn' in account) {
    const provider = fromTemporaryCredentials({
      params: {
        RoleArn: account.roleArn,
        RoleSessionName: sessionName,
        ...(account.externalId ? { ExternalId: account.externalId } : {}),
      },
      masterCredentials: base,
      clientConfig: settings.forRegion(settings.homeRegion),
    });
    return memoized(provider);
  }
  return base;
}
