import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyStatusCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  type Grant,
  type LifecycleRule,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Bucket, LifecycleRuleSummary } from '@ccx/core';
import { readSetting } from './bucket-setting';

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

function aclReasons(grants: readonly Grant[]): string[] {
  const reasons = new Set<string>();
  for (const grant of grants) {
    const uri = grant.Grantee?.URI;
    if (uri !== ALL_USERS && uri !== AUTHENTICATED_USERS) continue;
    const who = uri === ALL_USERS ? 'public' : 'authenticated';
    const permission = grant.Permission;
    if (permission === 'READ' || permission === 'FULL_CONTROL') reasons.add(`acl-${who}-read`);
    if (permission === 'WRITE' || permission === 'FULL_CONTROL') reasons.add(`acl-${who}-write`);
  }
  return [...reasons];
}

/** `transition:GLACIER@90d`, `expire@365d`, `abort-multipart@7d`… */
export function summariseRule(rule: LifecycleRule, index: number): LifecycleRuleSummary {
  const actions: string[] = [];
  for (const t of rule.Transitions ?? [])
    actions.push(`transition:${t.StorageClass ?? '?'}@${t.Days ?? t.Date?.toISOString() ?? '?'}d`);
  if (rule.Expiration?.Days !== undefined) actions.push(`expire@${rule.Expiration.Days}d`);
  else if (rule.Expiration?.Date) actions.push(`expire@${rule.Expiration.Date.toISOString()}`);
  for (const t of rule.NoncurrentVersionTransitions ?? [])
    actions.push(`noncurrent-transition:${t.StorageClass ?? '?'}@${t.NoncurrentDays ?? '?'}d`);
  if (rule.NoncurrentVersionExpiration?.NoncurrentDays !== undefined)
    actions.push(`noncurrent-expire@${rule.NoncurrentVersionExpiration.NoncurrentDays}d`);
  if (rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation !== undefined)
    actions.push(`abort-multipart@${rule.AbortIncompleteMultipartUpload.DaysAfterInitiation}d`);
  return { id: rule.ID ?? `rule-${index + 1}`, enabled: rule.Status === 'Enabled', actions };
}

/**
 * A bucket's posture, each setting read on its own so that one the caller may not read (or
 * the endpoint does not serve) leaves only that field `null`. The reads run concurrently on
 * the bucket's regional client.
 */
export async function readBucketPosture(
  client: S3Client,
  base: Pick<Bucket, 'connection' | 'account' | 'bucket' | 'region' | 'createdAt'>,
): Promise<Bucket> {
  const Bucket = base.bucket;
  const what = (setting: string) => `Reading the ${setting} of bucket ${Bucket}`;
  const [tags, versioning, encryption, block, policyPublic, acl, logging, lifecycle] =
    await Promise.all([
      readSetting(what('tags'), ['NoSuchTagSet'], {}, async () => {
        const out = await client.send(new GetBucketTaggingCommand({ Bucket }));
        return Object.fromEntries((out.TagSet ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
      }),
      readSetting(what('versioning'), [], 'disabled' as const, async () => {
        const out = await client.send(new GetBucketVersioningCommand({ Bucket }));
        if (out.Status === 'Enabled') return 'enabled' as const;
        return out.Status === 'Suspended' ? ('suspended' as const) : ('disabled' as const);
      }),
      readSetting(
        what('encryption'),
        ['ServerSideEncryptionConfigurationNotFoundError'],
        { enabled: false, algorithm: null, keyId: null },
        async () => {
          const out = await client.send(new GetBucketEncryptionCommand({ Bucket }));
          const rule = out.ServerSideEncryptionConfiguration?.Rules?.[0];
          const defaults = rule?.ApplyServerSideEncryptionByDefault;
          return {
            enabled: defaults?.SSEAlgorithm !== undefined,
            algorithm: defaults?.SSEAlgorithm ?? null,
            keyId: defaults?.KMSMasterKeyID ?? null,
          };
        },
      ),
      readSetting(
        what('public access block'),
        ['NoSuchPublicAccessBlockConfiguration'],
        false,
        async () => {
          const out = await client.send(new GetPublicAccessBlockCommand({ Bucket }));
          const c = out.PublicAccessBlockConfiguration;
          return Boolean(
            c?.BlockPublicAcls &&
            c.IgnorePublicAcls &&
            c.BlockPublicPolicy &&
            c.RestrictPublicBuckets,
          );
        },
      ),
      readSetting(what('policy status'), ['NoSuchBucketPolicy'], false, async () => {
        const out = await client.send(new GetBucketPolicyStatusCommand({ Bucket }));
        return out.PolicyStatus?.IsPublic === true;
      }),
      readSetting(what('ACL'), [], [] as string[], async () => {
        const out = await client.send(new GetBucketAclCommand({ Bucket }));
        return aclReasons(out.Grants ?? []);
      }),
      readSetting(what('logging'), [], { enabled: false, target: null }, async () => {
        const out = await client.send(new GetBucketLoggingCommand({ Bucket }));
        const target = out.LoggingEnabled?.TargetBucket;
        return target
          ? { enabled: true, target: `s3://${target}/${out.LoggingEnabled?.TargetPrefix ?? ''}` }
          : { enabled: false, target: null };
      }),
      readSetting(what('lifecycle'), ['NoSuchLifecycleConfiguration'], { rules: [] }, async () => {
        const out = await client.send(new GetBucketLifecycleConfigurationCommand({ Bucket }));
        return { rules: (out.Rules ?? []).map(summariseRule) };
      }),
    ]);
  const reasons = [...(policyPublic ? ['policy-public'] : []), ...(acl ?? [])];
  const publicAccess =
    policyPublic === null && acl === null && block === null
      ? null
      : {
          // With all four block flags on, S3 ignores public ACLs and restricts public
          // policies, so what they would grant is not in effect.
          public: block !== true && reasons.length > 0,
          reasons,
          blockPublicAccess: block,
        };
  return {
    ...base,
    provider: 'aws',
    tags: tags ?? {},
    versioning,
    encryption,
    publicAccess,
    logging,
    lifecycle,
    attributes: { arn: `arn:aws:s3:::${Bucket}`, tagsReadable: tags !== null },
  };
}
