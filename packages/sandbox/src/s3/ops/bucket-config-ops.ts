import { S3Error, malformedXml } from '../s3-error';
import { need, ok, type S3Operation } from '../s3-operation';
import { document, tag, tagSetXml } from '../s3-xml';
import { policyIsPublic } from '../policy';
import { child, childText, parseXml } from '../xml-read';
import { ownerXml } from './bucket-ops';
import { parseTagging } from './tag-set';
import type { PublicAccessBlock } from '../model';

const missing = (code: string, message: string, bucket: string) =>
  new S3Error(code, message, 404, { BucketName: bucket });

const noContent = { status: 204 } as const;

export const getBucketTagging: S3Operation = {
  name: 'GetBucketTagging',
  access: 'owner',
  run: (_ctx, b) => {
    const bucket = need(b);
    if (!bucket.tags) throw missing('NoSuchTagSet', 'The TagSet does not exist', bucket.name);
    return ok(document('Tagging', tagSetXml(bucket.tags)));
  },
};

export const putBucketTagging: S3Operation = {
  name: 'PutBucketTagging',
  access: 'owner',
  run: async (ctx, b) => {
    need(b).tags = parseTagging(await ctx.text(), 50);
    return noContent;
  },
};

export const deleteBucketTagging: S3Operation = {
  name: 'DeleteBucketTagging',
  access: 'owner',
  run: (_ctx, b) => {
    need(b).tags = null;
    return noContent;
  },
};

const BLOCK_FLAGS = [
  'BlockPublicAcls',
  'IgnorePublicAcls',
  'BlockPublicPolicy',
  'RestrictPublicBuckets',
] as const;

export const getPublicAccessBlock: S3Operation = {
  name: 'GetPublicAccessBlock',
  access: 'owner',
  run: (_ctx, b) => {
    const bucket = need(b);
    const block = bucket.publicAccessBlock;
    if (!block)
      throw missing(
        'NoSuchPublicAccessBlockConfiguration',
        'The public access block configuration was not found',
        bucket.name,
      );
    return ok(
      document('PublicAccessBlockConfiguration', BLOCK_FLAGS.map((f) => tag(f, block[f])).join('')),
    );
  },
};

export const putPublicAccessBlock: S3Operation = {
  name: 'PutPublicAccessBlock',
  access: 'owner',
  run: async (ctx, b) => {
    const root = parseXml(await ctx.text());
    if (root.name !== 'PublicAccessBlockConfiguration') throw malformedXml();
    const block = {} as PublicAccessBlock;
    for (const flag of BLOCK_FLAGS) {
      const value = childText(root, flag) ?? 'false';
      if (value !== 'true' && value !== 'false') throw malformedXml();
      block[flag] = value === 'true';
    }
    need(b).publicAccessBlock = block;
    return ok();
  },
};

export const deletePublicAccessBlock: S3Operation = {
  name: 'DeletePublicAccessBlock',
  access: 'owner',
  run: (_ctx, b) => {
    need(b).publicAccessBlock = null;
    return noContent;
  },
};

const noPolicy = (bucket: string) =>
  missing('NoSuchBucketPolicy', 'The bucket policy does not exist', bucket);

export const getBucketPolicy: S3Operation = {
  name: 'GetBucketPolicy',
  access: 'owner',
  run: (_ctx, b) => {
    const bucket = need(b);
    if (bucket.policy === null) throw noPolicy(bucket.name);
    return { status: 200, headers: { 'content-type': 'application/json' }, body: bucket.policy };
  },
};

export const putBucketPolicy: S3Operation = {
  name: 'PutBucketPolicy',
  access: 'owner',
  run: async (ctx, b) => {
    const bucket = need(b);
    const policy = await ctx.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(policy);
    } catch {
      parsed = null;
    }
    if (
      !policy.trimStart().startsWith('{') ||
      !parsed ||
      typeof parsed !== 'object' ||
      !('Statement' in parsed)
    )
      throw new S3Error(
        'MalformedPolicy',
        "Policies must be valid JSON and the first byte must be '{'",
        400,
      );
    if (bucket.publicAccessBlock?.BlockPublicPolicy && policyIsPublic(policy))
      throw new S3Error(
        'AccessDenied',
        'User is not authorized to perform: s3:PutBucketPolicy because public policies are blocked by the BlockPublicPolicy block public access setting.',
        403,
      );
    bucket.policy = policy;
    return noContent;
  },
};

export const deleteBucketPolicy: S3Operation = {
  name: 'DeleteBucketPolicy',
  access: 'owner',
  run: (_ctx, b) => {
    need(b).policy = null;
    return noContent;
  },
};

export const getBucketPolicyStatus: S3Operation = {
  name: 'GetBucketPolicyStatus',
  access: 'owner',
  run: (_ctx, b) => {
    const bucket = need(b);
    if (bucket.policy === null) throw noPolicy(bucket.name);
    return ok(document('PolicyStatus', tag('IsPublic', policyIsPublic(bucket.policy))));
  },
};

export const getBucketEncryption: S3Operation = {
  name: 'GetBucketEncryption',
  access: 'owner',
  run: (_ctx, b) => {
    const bucket = need(b);
    if (!bucket.encryption)
      throw missing(
        'ServerSideEncryptionConfigurationNotFoundError',
        'The server side encryption configuration was not found',
        bucket.name,
      );
    return ok(
      document(
        'ServerSideEncryptionConfiguration',
        `<Rule><ApplyServerSideEncryptionByDefault>${tag('SSEAlgorithm', bucket.encryption)}</ApplyServerSideEncryptionByDefault>${tag('BucketKeyEnabled', false)}</Rule>`,
      ),
    );
  },
};

export const putBucketEncryption: S3Operation = {
  name: 'PutBucketEncryption',
  access: 'owner',
  run: async (ctx, b) => {
    const rule = child(parseXml(await ctx.text()), 'Rule');
    const byDefault = rule && child(rule, 'ApplyServerSideEncryptionByDefault');
    const algorithm = byDefault && childText(byDefault, 'SSEAlgorithm');
    if (algorithm !== 'AES256' && algorithm !== 'aws:kms') throw malformedXml();
    need(b).encryption = algorithm;
    return ok();
  },
};

export const getBucketLogging: S3Operation = {
  name: 'GetBucketLogging',
  access: 'owner',
  run: (_ctx, b) => {
    const logging = need(b).logging;
    return ok(
      document(
        'BucketLoggingStatus',
        logging
          ? `<LoggingEnabled>${tag('TargetBucket', logging.targetBucket)}${tag('TargetPrefix', logging.targetPrefix)}</LoggingEnabled>`
          : '',
      ),
    );
  },
};

export const getBucketLifecycleConfiguration: S3Operation = {
  name: 'GetBucketLifecycleConfiguration',
  access: 'owner',
  run: (_ctx, b) => {
    const bucket = need(b);
    if (!bucket.lifecycle || bucket.lifecycle.length === 0)
      throw missing(
        'NoSuchLifecycleConfiguration',
        'The lifecycle configuration does not exist',
        bucket.name,
      );
    const rules = bucket.lifecycle
      .map(
        (r) =>
          `<Rule>${tag('ID', r.id)}<Filter><Prefix></Prefix></Filter><Status>Enabled</Status>${
            r.transitionDays !== undefined && r.storageClass
              ? `<Transition>${tag('Days', r.transitionDays)}${tag('StorageClass', r.storageClass)}</Transition>`
              : ''
          }${r.expireDays !== undefined ? `<Expiration>${tag('Days', r.expireDays)}</Expiration>` : ''}</Rule>`,
      )
      .join('');
    return ok(document('LifecycleConfiguration', rules), {
      'x-amz-transition-default-minimum-object-size': 'all_storage_classes_128K',
    });
  },
};

export const getBucketAcl: S3Operation = {
  name: 'GetBucketAcl',
  access: 'owner',
  run: (_ctx, b) => {
    const owner = ownerXml(need(b).account);
    const grantee = owner.replace('<Owner>', '').replace('</Owner>', '');
    return ok(
      document(
        'AccessControlPolicy',
        `${owner}<AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser">${grantee}</Grantee><Permission>FULL_CONTROL</Permission></Grant></AccessControlList>`,
      ),
    );
  },
};
