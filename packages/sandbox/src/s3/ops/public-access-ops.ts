import type { PublicAccessBlock } from '../model';
import { policyIsPublic } from '../policy';
import { S3Error, malformedXml } from '../s3-error';
import { need, ok, type S3Operation } from '../s3-operation';
import { document, tag } from '../s3-xml';
import { childText, parseXml } from '../xml-read';

// Public access: the public-access block, the bucket policy, and S3's verdict on the policy.

const missing = (code: string, message: string, bucket: string) =>
  new S3Error(code, message, 404, { BucketName: bucket });

const noContent = { status: 204 } as const;

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
