import { createHash } from 'node:crypto';
import { isKnownRegion } from '../../estate/regions';
import { compareKeys } from '../key-order';
import { S3Error, invalidArgument, malformedXml } from '../s3-error';
import { need, ok, type S3Operation } from '../s3-operation';
import { document, isoTime, s3Text, tag } from '../s3-xml';
import { childText, parseXml } from '../xml-read';

/** S3's canonical user id is opaque; a stable hash of the account stands in for it. */
export const canonicalUserId = (account: string) =>
  createHash('sha256').update(`canonical-user/${account}`).digest('hex');

export const ownerXml = (account: string) =>
  `<Owner>${tag('ID', canonicalUserId(account))}${tag('DisplayName', `sandbox-${account}`)}</Owner>`;

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** The general-purpose bucket naming rules. */
export function validBucketName(name: string): boolean {
  return (
    BUCKET_NAME.test(name) &&
    !name.includes('..') &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(name) &&
    !name.startsWith('xn--') &&
    !name.endsWith('-s3alias')
  );
}

export const listBuckets: S3Operation = {
  name: 'ListBuckets',
  access: 'account',
  run: (ctx) => {
    const account = ctx.principal?.accountId ?? '';
    const prefix = ctx.query.get('prefix') ?? '';
    const region = ctx.query.get('bucket-region');
    const rawMax = ctx.query.get('max-buckets');
    const max = rawMax === undefined ? 10_000 : Number(rawMax);
    if (!Number.isInteger(max) || max < 1 || max > 10_000)
      throw invalidArgument(
        'max-buckets must be an integer between 1 and 10000',
        'max-buckets',
        rawMax,
      );
    const token = ctx.query.get('continuation-token');
    const after = token === undefined ? null : Buffer.from(token, 'base64url').toString('utf8');
    const all = ctx.state
      .bucketsOf(account)
      .filter((b) => b.name.startsWith(prefix) && (region === undefined || b.region === region))
      .filter((b) => after === null || compareKeys(b.name, after) > 0);
    const page = all.slice(0, max);
    const last = page[page.length - 1];
    const next = all.length > max && last ? Buffer.from(last.name).toString('base64url') : null;
    const buckets = page
      .map(
        (b) =>
          `<Bucket>${tag('Name', b.name)}${tag('CreationDate', isoTime(b.createdAt))}${tag('BucketRegion', b.region)}</Bucket>`,
      )
      .join('');
    return ok(
      document(
        'ListAllMyBucketsResult',
        `${ownerXml(account)}<Buckets>${buckets}</Buckets>${tag('ContinuationToken', next)}${ctx.query.has('prefix') ? tag('Prefix', prefix) : ''}`,
      ),
    );
  },
};

export const createBucket: S3Operation = {
  name: 'CreateBucket',
  access: 'account',
  run: async (ctx) => {
    if (!validBucketName(ctx.bucketName))
      throw new S3Error('InvalidBucketName', 'The specified bucket is not valid.', 400, {
        BucketName: ctx.bucketName,
      });
    const body = (await ctx.text()).trim();
    const constraint = body === '' ? '' : (childText(parseXml(body), 'LocationConstraint') ?? '');
    const region = constraint === '' ? 'us-east-1' : constraint;
    if (!isKnownRegion(region))
      throw new S3Error(
        'InvalidLocationConstraint',
        'The specified location-constraint is not valid',
        400,
        { LocationConstraint: constraint },
      );
    // The us-east-1 endpoint creates buckets anywhere; a regional one only in its own region.
    if (ctx.region !== 'us-east-1' && ctx.region !== region)
      throw new S3Error(
        'IllegalLocationConstraintException',
        constraint === ''
          ? 'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.'
          : `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`,
        400,
      );
    ctx.state.create(ctx.bucketName, ctx.principal?.accountId ?? '', region, ctx.now);
    return { status: 200, headers: { location: `/${ctx.bucketName}` } };
  },
};

export const deleteBucket: S3Operation = {
  name: 'DeleteBucket',
  access: 'owner',
  run: (ctx, bucket) => {
    ctx.state.remove(need(bucket));
    return { status: 204 };
  },
};

export const headBucket: S3Operation = {
  name: 'HeadBucket',
  access: 'owner',
  run: (_ctx, bucket) => ({
    status: 200,
    headers: { 'x-amz-bucket-region': need(bucket).region, 'x-amz-access-point-alias': 'false' },
  }),
};

export const getBucketLocation: S3Operation = {
  name: 'GetBucketLocation',
  access: 'owner',
  run: (_ctx, bucket) => {
    const region = need(bucket).region;
    return ok(document('LocationConstraint', region === 'us-east-1' ? '' : s3Text(region)));
  },
};

export const getBucketVersioning: S3Operation = {
  name: 'GetBucketVersioning',
  access: 'owner',
  run: (_ctx, bucket) => {
    const status = need(bucket).versioning;
    return ok(
      document('VersioningConfiguration', status === 'Unversioned' ? '' : tag('Status', status)),
    );
  },
};

export const putBucketVersioning: S3Operation = {
  name: 'PutBucketVersioning',
  access: 'owner',
  run: async (ctx, bucket) => {
    const status = childText(parseXml(await ctx.text()), 'Status');
    if (status !== 'Enabled' && status !== 'Suspended') throw malformedXml();
    const target = need(bucket);
    if (target.synthetic)
      throw new S3Error('AccessDenied', 'This sandbox bucket is synthetic and read-only.', 403);
    target.versioning = status;
    return ok();
  },
};
