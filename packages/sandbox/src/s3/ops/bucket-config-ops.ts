import { S3Error, malformedXml } from '../s3-error';
import { need, ok, type S3Operation } from '../s3-operation';
import { document, tag, tagSetXml } from '../s3-xml';
import { child, childText, parseXml } from '../xml-read';
import { ownerXml } from './bucket-ops';
import { parseTagging } from './tag-set';

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
