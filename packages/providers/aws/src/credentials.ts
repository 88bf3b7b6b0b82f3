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
 * The STS client the chain creates for a role profile gets the connection's endpoint, CA and
 * retry settings, like every other client: without them a role profile would bypass an
 * endpoint override and go to the public STS endpoint.
 */
export function baseCredentials(config: AwsConfig, settings: ClientSettings): Credentials {
  if (config.credentials) return { ...config.credentials };
  return memoized(fromNodeProviderChain({ clientConfig: settings.forRegion(settings.homeRegion) }));
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
    // A profile may itself assume a role (`role_arn`, `source_profile`, `external_id`); its STS
    // client takes the connection's settings for the same reason as the default chain's.
    return memoized(
      fromIni({
        profile: account.profile,
        clientConfig: settings.forRegion(settings.homeRegion),
      }),
    );
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
