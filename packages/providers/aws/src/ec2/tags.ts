import type { Tag } from '@aws-sdk/client-ec2';

/** EC2's tag list as a record; a key without a value maps to ''. */
export function tagsOf(list: readonly Tag[] | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of list ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
  return tags;
}
