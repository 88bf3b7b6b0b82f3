import { AwsError } from '../aws/aws-error';
import type { OperationContext } from '../aws/service';
import type { Estate } from '../estate/estate';
import { ec2Response } from './ec2-xml';
import { resolveInstanceIds } from './instance-ids';
import { dryRun } from './state-changes';

const MAX_TAGS = 50;

/** `ResourceId.N` restricted to instances: the only taggable resource the sandbox serves. */
function taggedInstances(estate: Estate, ctx: OperationContext) {
  const ids = ctx.params.list('ResourceId');
  if (ids.length === 0)
    throw new AwsError(
      'MissingParameter',
      'The request must contain the parameter ResourceId',
      400,
    );
  const notInstance = ids.find((id) => !id.startsWith('i-'));
  if (notInstance !== undefined)
    throw new AwsError('InvalidID', `The ID '${notInstance}' is not valid`, 400);
  return resolveInstanceIds(estate, ctx.principal.accountId, ctx.region, ids);
}

function readTags(ctx: OperationContext): { key: string; value: string | undefined }[] {
  return ctx.params.indexes('Tag').map((index) => ({
    key: ctx.params.get(`Tag.${index}.Key`) ?? '',
    value: ctx.params.get(`Tag.${index}.Value`),
  }));
}

/** CreateTags: adds or overwrites; keys starting `aws:` are reserved, as on AWS. */
export function createTags(estate: Estate, ctx: OperationContext): string {
  const instances = taggedInstances(estate, ctx);
  const tags = readTags(ctx);
  if (tags.length === 0)
    throw new AwsError('MissingParameter', 'The request must contain the parameter Tag', 400);
  for (const { key, value } of tags) {
    if (key === '' || key.length > 128)
      throw new AwsError(
        'InvalidParameterValue',
        `Tag key must be 1 to 128 characters: '${key}'`,
        400,
      );
    if (key.toLowerCase().startsWith('aws:'))
      throw new AwsError(
        'InvalidParameterValue',
        `Tag keys starting with 'aws:' are reserved for internal use`,
        400,
      );
    if ((value ?? '').length > 256)
      throw new AwsError(
        'InvalidParameterValue',
        `Tag value exceeds the maximum length of 256 characters`,
        400,
      );
  }
  for (const instance of instances) {
    const keys = new Set([...instance.tags.map((t) => t.key), ...tags.map((t) => t.key)]);
    if (keys.size > MAX_TAGS)
      throw new AwsError(
        'TagLimitExceeded',
        `The maximum number of tags (${MAX_TAGS}) for resource '${instance.id}' has been exceeded.`,
        400,
      );
  }
  if (ctx.params.boolean('DryRun')) throw dryRun();
  for (const instance of instances) {
    for (const { key, value } of tags) {
      const existing = instance.tags.find((t) => t.key === key);
      if (existing) existing.value = value ?? '';
      else instance.tags.push({ key, value: value ?? '' });
    }
  }
  return ec2Response('CreateTags', '<return>true</return>', ctx.requestId);
}

/** DeleteTags: no Tag.N deletes every tag; a Tag with a Value deletes only on a value match. */
export function deleteTags(estate: Estate, ctx: OperationContext): string {
  const instances = taggedInstances(estate, ctx);
  const tags = readTags(ctx);
  if (ctx.params.boolean('DryRun')) throw dryRun();
  for (const instance of instances) {
    instance.tags =
      tags.length === 0
        ? []
        : instance.tags.filter(
            (tag) =>
              !tags.some(
                (t) => t.key === tag.key && (t.value === undefined || t.value === tag.value),
              ),
          );
  }
  return ec2Response('DeleteTags', '<return>true</return>', ctx.requestId);
}
