import type { ContainerItem, ContainerProperties } from '@azure/storage-blob';
import type { Bucket } from '@ccx/core';

/** What an account-wide read adds to every container of it; null where it could not be read. */
export interface AccountPosture {
  /** Classic storage analytics logging of the blob service (read, write or delete logged). */
  logging: Bucket['logging'];
}

export interface ContainerContext {
  connection: string;
  account: string;
  region: string;
}

/**
 * A container as the core `Bucket`. What only the management plane knows (account-level blob
 * versioning, `allowBlobPublicAccess`, lifecycle management policies) is null, never guessed.
 * Encryption at rest is always on in Azure Storage and cannot be turned off, so it is reported
 * as enabled, with the container's default encryption scope as the key reference when set.
 */
export function mapContainer(
  context: ContainerContext,
  name: string,
  properties: Partial<ContainerProperties>,
  metadata: Record<string, string> | undefined,
  posture: AccountPosture,
): Bucket {
  const access = properties.publicAccess ?? null;
  return {
    provider: 'azure',
    connection: context.connection,
    account: context.account,
    bucket: name,
    region: context.region === 'global' ? null : context.region,
    // Azure keeps no creation time for a container; lastModified is in attributes.
    createdAt: null,
    tags: { ...metadata },
    versioning: null,
    encryption: {
      enabled: true,
      algorithm: 'AES256',
      keyId: properties.defaultEncryptionScope ?? null,
    },
    publicAccess: {
      public: access !== null,
      reasons: access === null ? [] : [`container-access-${access}`],
      blockPublicAccess: null,
    },
    logging: posture.logging,
    lifecycle: null,
    attributes: {
      publicAccessLevel: access ?? 'private',
      lastModified: properties.lastModified?.toISOString() ?? null,
      etag: properties.etag ?? null,
      hasImmutabilityPolicy: properties.hasImmutabilityPolicy ?? false,
      hasLegalHold: properties.hasLegalHold ?? false,
      defaultEncryptionScope: properties.defaultEncryptionScope ?? null,
      immutableStorageWithVersioning: properties.isImmutableStorageWithVersioningEnabled ?? false,
    },
  };
}

export function mapContainerItem(
  context: ContainerContext,
  item: ContainerItem,
  posture: AccountPosture,
): Bucket {
  return mapContainer(context, item.name, item.properties, item.metadata, posture);
}
