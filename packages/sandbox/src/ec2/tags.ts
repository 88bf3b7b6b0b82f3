import { AwsError } from '../aws/aws-error';
import type { OperationContext } from '../aws/service';
import type { Estate } from '../estate/estate';
import type { InstanceTag } from '../estate/instance';
import { ec2Response } from './ec2-xml';
import { resolveInstanceIds } from './instance-ids';
import { dryRun } from './state-changes';

const MAX_TAGS = 50;

/** Something that carries tags: an instance, a volume or an Elastic IP. */
interface Taggable {
  id: string;
  tags: InstanceTag[];
}

/**
 * `ResourceId.N`: instances, volumes and Elastic IPs (by allocation id) of the caller's scope,
 * all or nothing. Other kinds of id are InvalidID; unknown ones are each kind's NotFound.
 */
function taggedResources(estate: Estate, ctx: OperationContext): Taggable[] {
  const ids = ctx.params.list('ResourceId');
  if (ids.length === 0)
    throw new AwsError(
      'MissingParameter',
      'The request must contain the parameter ResourceId',
      400,
    );
  const { accountId } = ctx.principal;
  const instances = resolveInstanceIds(
    estate,
    accountId,
    ctx.region,
    ids.filter((id) => id.startsWith('i-')),
  );
  return ids.map((id): Taggable => {
    if (id.startsWith('i-')) return instances.find((instance) => instance.id === id)!;
    if (id.startsWith('vol-')) {
      const volume = estate.findVolume(accountId, ctx.region, id);
      if (!volume)
        throw new AwsError('InvalidVolume.NotFound', `The volume '${id}' does not exist.`, 400);
      return volume;
    }
    if (id.startsWith('eipalloc-')) {
      const address = estate.addresses(accountId, ctx.region).find((a) => a.allocationId === id);
      if (!address)
        throw new AwsError(
          'InvalidAllocationID.NotFound',
          `The allocation ID '${id}' does not exist`,
          400,
        );
      return { id, tags: address.tags };
    }
    throw new AwsError('InvalidID', `The ID '${id}' is not valid`, 400);
  });
}

function readTags(ctx: OperationContext): { key: string; value: string | undefined }[] {
  return ctx.params.indexes('Tag').map((index) => ({
    key: ctx.params.get(`Tag.${index}.Key`) ?? '',
    value: ctx.params.get(`Tag.${index}.Value`),
  }));
}

/** CreateTags: adds or overwrites; keys starting `aws:` are reserved, as on AWS. */
export function createTags(estate: Estate, ctx: OperationContext): string {
  const resources = taggedResources(estate, ctx);
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
  for (const resource of resources) {
    const keys = new Set([...resource.tags.map((t) => t.key), ...tags.map((t) => t.key)]);
    if (keys.size > MAX_TAGS)
      throw new AwsError(
        'TagLimitExceeded',
        `The maximum number of tags (${MAX_TAGS}) for resource '${resource.id}' has been exceeded.`,
        400,
      );
  }
  if (ctx.params.boolean('DryRun')) throw dryRun();
  for (const resource of resources) {
    for (const { key, value } of tags) {
      const existing = resource.tags.find((t) => t.key === key);
      if (existing) existing.value = value ?? '';
      else resource.tags.push({ key, value: value ?? '' });
    }
  }
  return ec2Response('CreateTags', '<return>true</return>', ctx.requestId);
}

/** DeleteTags: no Tag.N deletes every tag; a Tag with a Value deletes only on a value match. */
export function deleteTags(estate: Estate, ctx: OperationContext): string {
  const resources = taggedResources(estate, ctx);
  const tags = readTags(ctx);
  if (ctx.params.boolean('DryRun')) throw dryRun();
  for (const resource of resources) {
    const kept =
      tags.length === 0
        ? []
        : resource.tags.filter(
            (tag) =>
              !tags.some(
                (t) => t.key === tag.key && (t.value === undefined || t.value === tag.value),
              ),
          );
    // In place: an address's tag list is shared with its record, not copied.
    resource.tags.splice(0, resource.tags.length, ...kept);
  }
  return ec2Response('DeleteTags', '<return>true</return>', ctx.requestId);
}
