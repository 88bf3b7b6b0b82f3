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
  'uniform-access',
  'default-encryption',
  'versioning',
  'access-logging',
  'lifecycle-rules',
] as const;
export type PostureCheckId = (typeof POSTURE_CHECK_IDS)[number];

type Cis = Partial<Record<ProviderId, string[]>>;

/**
 * Controls per check and provider, by the numbering of CIS AWS Foundations v3.0.0 (2.1 S3:
 * 2.1.1 deny HTTP, 2.1.2 MFA delete, 2.1.3 data discovered and classified, 2.1.4 block public
 * access), CIS GCP Foundations v3.0.0 (5.1 not anonymously or publicly accessible, 5.2 uniform
 * bucket-level access) and CIS Azure Foundations v2.0.0 (3.7 public access level disabled,
 * 3.11 soft delete, 3.13 blob service logging). A check names a control only where failing the
 * check fails the control: a public bucket cannot have S3 Block Public Access on, nor sit in an
 * account that disallows blob public access. A check with no such control lists none rather
 * than a loosely related one: versioning is not MFA delete (2.1.2) nor soft delete (3.11), CIS
 * AWS v3 dropped its S3 encryption control (S3 encrypts every new object since January 2023)
 * and only asks for access logging on the CloudTrail bucket (3.4).
 */
const CONTROLS: Record<PostureCheckId, Cis> = {
  'public-access': { aws: ['CIS AWS 2.1.4'], gcp: ['CIS GCP 5.1'], azure: ['CIS Azure 3.7'] },
  'block-public-access': {
    aws: ['CIS AWS 2.1.4'],
    gcp: ['CIS GCP 5.1'],
    azure: ['CIS Azure 3.7'],
  },
  'uniform-access': { gcp: ['CIS GCP 5.2'] },
  'default-encryption': {},
  versioning: {},
  'access-logging': { azure: ['CIS Azure 3.13'] },
  'lifecycle-rules': {},
};

/**
 * Checks that exist for some providers only; elsewhere the setting has no counterpart, so the
 * check is left out rather than reported unknown forever. GCS uniform bucket-level access
 * (IAM only, no object ACLs) has none in S3 or Azure.
 */
const ONLY_FOR: Partial<Record<PostureCheckId, readonly ProviderId[]>> = {
  'uniform-access': ['gcp'],
};

/**
 * Controls a classification finding (personal data or secrets found in a bucket) answers:
 * CIS AWS 2.1.3 asks that all data in S3 be discovered, classified and secured when required.
 * The GCP and Azure benchmarks have no storage control for it.
 */
export function classificationControls(provider: ProviderId): string[] {
  return provider === 'aws' ? ['CIS AWS 2.1.3'] : [];
}

const TITLES: Record<PostureCheckId, string> = {
  'public-access': 'Not readable by anyone on the internet',
  'block-public-access': 'Public access blocked by a guard rail',
  'uniform-access': 'Uniform bucket-level access enabled',
  'default-encryption': 'Encrypted at rest by default',
  versioning: 'Versioning enabled',
  'access-logging': 'Access logging enabled',
  'lifecycle-rules': 'Lifecycle rules configured',
};

const SEVERITY: Record<PostureCheckId, Severity> = {
  'public-access': 'critical',
  'block-public-access': 'high',
  'uniform-access': 'medium',
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

/** The provider's `attributes` flag, or null when absent or not a boolean. */
function attributeFlag(bucket: Bucket, name: string): boolean | null {
  const value = bucket.attributes[name];
  return typeof value === 'boolean' ? value : null;
}

/**
 * Judges a bucket's settings as the provider reported them. Pure: the same bucket always gives
 * the same checks, in the order of POSTURE_CHECK_IDS, leaving out those its provider lacks.
 */
export function bucketPosture(bucket: Bucket): PostureCheck[] {
  const statuses: Record<PostureCheckId, PostureStatus> = {
    'public-access': status(bucket.publicAccess ? !bucket.publicAccess.public : null),
    'block-public-access': status(bucket.publicAccess?.blockPublicAccess),
    'uniform-access': status(attributeFlag(bucket, 'uniformBucketLevelAccess')),
    'default-encryption': status(bucket.encryption?.enabled),
    versioning: versioningStatus(bucket),
    'access-logging': status(bucket.logging?.enabled),
    'lifecycle-rules': status(
      bucket.lifecycle ? bucket.lifecycle.rules.some((rule) => rule.enabled) : null,
    ),
  };
  const applies = (id: PostureCheckId) => ONLY_FOR[id]?.includes(bucket.provider) ?? true;
  return POSTURE_CHECK_IDS.filter(applies).map((id) => ({
    id,
    title: TITLES[id],
    status: statuses[id],
    severity: SEVERITY[id],
    cis: [...(CONTROLS[id][bucket.provider] ?? [])],
  }));
}
