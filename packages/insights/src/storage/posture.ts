import type { Bucket, ProviderId, Severity } from '@ccx/core';

export type PostureStatus = 'pass' | 'fail' | 'unknown';

export interface PostureCheck {
  /** Stable id, also the subject of the stored finding. */
  id: PostureCheckId;
  title: string;
  status: PostureStatus;
  /** How much a failure of this check matters; the same whatever the status. */
  severity: Severity;
  /** Benchmark controls the check answers, e.g. `CIS AWS 2.1.4`; empty where none applies. */
  cis: string[];
}

export const POSTURE_CHECK_IDS = [
  'public-access',
  'block-public-access',
  'default-encryption',
  'versioning',
  'access-logging',
  'lifecycle-rules',
] as const;
export type PostureCheckId = (typeof POSTURE_CHECK_IDS)[number];

type Cis = Partial<Record<ProviderId, string[]>>;

/**
 * Controls per check and provider: CIS AWS Foundations v3.0 (2.1.x S3), CIS GCP Foundations
 * v2/v3 (5.x Cloud Storage), CIS Azure Foundations v2 (3.x Storage Accounts). A check with no
 * control in a benchmark lists none rather than a loosely related one: CIS AWS v3 dropped its
 * S3 encryption control (S3 encrypts every new object since January 2023) and only asks for
 * access logging on the CloudTrail bucket (3.4), so neither is claimed for every bucket.
 */
const CONTROLS: Record<PostureCheckId, Cis> = {
  'public-access': { aws: ['CIS AWS 2.1.4'], gcp: ['CIS GCP 5.1'], azure: ['CIS Azure 3.7'] },
  'block-public-access': {
    aws: ['CIS AWS 2.1.4'],
    gcp: ['CIS GCP 5.1'],
    azure: ['CIS Azure 3.7'],
  },
  'default-encryption': {},
  // MFA delete (2.1.2) and soft delete (3.11) both build on keeping prior versions.
  versioning: { aws: ['CIS AWS 2.1.2'], azure: ['CIS Azure 3.11'] },
  'access-logging': { azure: ['CIS Azure 3.13'] },
  'lifecycle-rules': {},
};

const TITLES: Record<PostureCheckId, string> = {
  'public-access': 'Not readable by anyone on the internet',
  'block-public-access': 'Public access blocked by a guard rail',
  'default-encryption': 'Encrypted at rest by default',
  versioning: 'Versioning enabled',
  'access-logging': 'Access logging enabled',
  'lifecycle-rules': 'Lifecycle rules configured',
};

const SEVERITY: Record<PostureCheckId, Severity> = {
  'public-access': 'critical',
  'block-public-access': 'high',
  'default-encryption': 'medium',
  versioning: 'low',
  'access-logging': 'medium',
  'lifecycle-rules': 'low',
};

/** `null` (the setting could not be read) is unknown, never a failure. */
function status(value: boolean | null | undefined): PostureStatus {
  if (value === null || value === undefined) return 'unknown';
  return value ? 'pass' : 'fail';
}

function versioningStatus(bucket: Bucket): PostureStatus {
  switch (bucket.versioning) {
    case 'enabled':
      return 'pass';
    case 'suspended':
    case 'disabled':
      return 'fail';
    case 'unsupported':
    case null:
      return 'unknown';
  }
}

/**
 * Judges a bucket's settings as the provider reported them. Pure: the same bucket always gives
 * the same checks, in the order of POSTURE_CHECK_IDS.
 */
export function bucketPosture(bucket: Bucket): PostureCheck[] {
  const statuses: Record<PostureCheckId, PostureStatus> = {
    'public-access': status(bucket.publicAccess ? !bucket.publicAccess.public : null),
    'block-public-access': status(bucket.publicAccess?.blockPublicAccess),
    'default-encryption': status(bucket.encryption?.enabled),
    versioning: versioningStatus(bucket),
    'access-logging': status(bucket.logging?.enabled),
    'lifecycle-rules': status(
      bucket.lifecycle ? bucket.lifecycle.rules.some((rule) => rule.enabled) : null,
    ),
  };
  return POSTURE_CHECK_IDS.map((id) => ({
    id,
    title: TITLES[id],
    status: statuses[id],
    severity: SEVERITY[id],
    cis: [...(CONTROLS[id][bucket.provider] ?? [])],
  }));
}
