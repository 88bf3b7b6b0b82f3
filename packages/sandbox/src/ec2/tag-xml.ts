import type { InstanceTag } from '../estate/instance';
import { escapeXml } from '../xml';

/** `<tagSet>…</tagSet>`, or nothing for an untagged resource (EC2 omits the element). */
export function tagSetXml(tags: readonly InstanceTag[]): string {
  if (tags.length === 0) return '';
  let out = '<tagSet>';
  for (const tag of tags)
    out += `<item><key>${escapeXml(tag.key)}</key><value>${escapeXml(tag.value)}</value></item>`;
  return `${out}</tagSet>`;
}
