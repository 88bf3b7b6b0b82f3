import type { Bucket, LifecycleRuleSummary } from '@ccx/core';

/** The fields of a GCS bucket resource this module reads (the JSON API's names). */
export interface BucketMetadata {
  name?: string;
  location?: string;
  locationType?: string;
  storageClass?: string;
  timeCreated?: string;
  projectNumber?: string | number;
  labels?: Record<string, string>;
  versioning?: { enabled?: boolean };
  encryption?: { defaultKmsKeyName?: string };
  logging?: { logBucket?: string; logObjectPrefix?: string };
  lifecycle?: {
    rule?: { action?: { type?: string; storageClass?: string }; condition?: { age?: number } }[];
  };
  iamConfiguration?: {
    publicAccessPrevention?: string;
    uniformBucketLevelAccess?: { enabled?: boolean };
  };
}

export interface IamPolicy {
  bindings?: { role?: string; members?: string[] }[];
}

const PUBLIC_MEMBERS = {
  allUsers: 'iam-allUsers',
  allAuthenticatedUsers: 'iam-allAuthenticatedUsers',
} as const;

function lifecycleOf(metadata: BucketMetadata): LifecycleRuleSummary[] {
  return (metadata.lifecycle?.rule ?? []).map((rule, index) => {
    const age = rule.condition?.age;
    const when = age === undefined ? '' : `@${age}d`;
    const type = rule.action?.type ?? 'unknown';
    const action =
      type === 'SetStorageClass'
        ? `transition:${rule.action?.storageClass ?? '?'}${when}`
        : type === 'Delete'
          ? `expire${when}`
          : type === 'AbortIncompleteMultipartUpload'
            ? `abort-multipart${when}`
            : `${type}${when}`;
    return { id: `rule-${index + 1}`, enabled: true, actions: [action] };
  });
}

/**
 * Public when IAM grants anything to allUsers or allAuthenticatedUsers and public access
 * prevention does not override it. Null when the policy could not be read: unknown is not
 * private.
 */
function publicAccessOf(
  metadata: BucketMetadata,
  policy: IamPolicy | null,
): Bucket['publicAccess'] {
  if (policy === null) return null;
  const enforced = metadata.iamConfiguration?.publicAccessPrevention === 'enforced';
  const reasons = new Set<string>();
  for (const binding of policy.bindings ?? []) {
    for (const member of binding.members ?? []) {
      if (member === 'allUsers' || member === 'allAuthenticatedUsers')
        reasons.add(PUBLIC_MEMBERS[member]);
    }
  }
  return {
    public: !enforced && reasons.size > 0,
    reasons: enforced ? [] : [...reasons],
    blockPublicAccess: enforced,
  };
}

export function mapBucket(
  connection: string,
  project: string,
  metadata: BucketMetadata,
  policy: IamPolicy | null,
): Bucket {
  const kmsKey = metadata.encryption?.defaultKmsKeyName ?? null;
  const logBucket = metadata.logging?.logBucket ?? null;
  return {
    provider: 'gcp',
    connection,
    account: project,
    bucket: metadata.name ?? '',
    region: metadata.location ? metadata.location.toLowerCase() : null,
    createdAt: metadata.timeCreated ?? null,
    tags: { ...metadata.labels },
    versioning: metadata.versioning?.enabled ? 'enabled' : 'disabled',
    // GCS always encrypts at rest; what differs is whose key (Google's or a Cloud KMS one).
    encryption: {
      enabled: true,
      algorithm: kmsKey ? 'cloud-kms' : 'google-managed',
      keyId: kmsKey,
    },
    publicAccess: publicAccessOf(metadata, policy),
    logging: {
      enabled: logBucket !== null,
      target:
        logBucket === null ? null : `gs://${logBucket}/${metadata.logging?.logObjectPrefix ?? ''}`,
    },
    lifecycle: { rules: lifecycleOf(metadata) },
    attributes: {
      locationType: metadata.locationType ?? null,
      storageClass: metadata.storageClass ?? null,
      projectNumber: metadata.projectNumber === undefined ? null : String(metadata.projectNumber),
      publicAccessPrevention: metadata.iamConfiguration?.publicAccessPrevention ?? null,
      uniformBucketLevelAccess:
        metadata.iamConfiguration?.uniformBucketLevelAccess?.enabled ?? null,
    },
  };
}
