import type { S3Bucket } from './model';

const READ_ACTIONS = new Set(['*', 's3:*', 's3:getobject', 's3:get*']);

const asList = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

function anyone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal && typeof principal === 'object' && 'AWS' in principal)
    return asList(principal.AWS).includes('*');
  return false;
}

/**
 * Whether a bucket policy grants reads to everyone: a statement that Allows Principal "*" an
 * action covering s3:GetObject with no Condition (a condition usually narrows the grant to a
 * VPC, an account or an IP range, which is not "public" in S3's own sense). Unparseable
 * policies never get this far: PutBucketPolicy refuses them.
 */
export function policyIsPublic(policy: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(policy);
  } catch {
    return false;
  }
  if (!parsed || typeof parsed !== 'object') return false;
  return asList((parsed as { Statement?: unknown }).Statement).some((statement) => {
    if (!statement || typeof statement !== 'object') return false;
    const s = statement as Record<string, unknown>;
    return (
      s.Effect === 'Allow' &&
      s.Condition === undefined &&
      anyone(s.Principal) &&
      asList(s.Action).some((a) => typeof a === 'string' && READ_ACTIONS.has(a.toLowerCase()))
    );
  });
}

/** Anonymous and cross-account reads are honoured only when no public-access block stops them. */
export function publicReadAllowed(bucket: S3Bucket): boolean {
  const block = bucket.publicAccessBlock;
  if (block && (block.RestrictPublicBuckets || block.BlockPublicPolicy)) return false;
  return bucket.policy !== null && policyIsPublic(bucket.policy);
}
