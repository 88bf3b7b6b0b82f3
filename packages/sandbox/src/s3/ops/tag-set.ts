import { S3Error, malformedXml } from '../s3-error';
import { child, childrenNamed, childText, parseXml } from '../xml-read';

const invalidTag = (message: string) => new S3Error('InvalidTag', message, 400);

/** Reads a `<Tagging><TagSet><Tag>…` document with S3's limits (object tags: at most 10). */
export function parseTagging(xml: string, maxTags: number): Record<string, string> {
  const tagSet = child(parseXml(xml), 'TagSet');
  if (!tagSet) throw malformedXml();
  const tags: Record<string, string> = {};
  const entries = childrenNamed(tagSet, 'Tag');
  if (entries.length > maxTags) throw invalidTag(`Object tags cannot be greater than ${maxTags}`);
  for (const entry of entries) {
    const key = childText(entry, 'Key');
    const value = childText(entry, 'Value') ?? '';
    if (key === undefined) throw malformedXml();
    if (key.length === 0 || key.length > 128)
      throw invalidTag('The TagKey you have provided is invalid');
    if (value.length > 256) throw invalidTag('The TagValue you have provided is invalid');
    if (Object.hasOwn(tags, key))
      throw invalidTag('Cannot provide multiple Tags with the same key');
    tags[key] = value;
  }
  return tags;
}

/** `x-amz-tagging: k1=v1&k2=v2` (URL query encoding). */
export function parseTaggingHeader(value: string | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  if (!value) return tags;
  for (const [k, v] of new URLSearchParams(value)) tags[k] = v;
  if (Object.keys(tags).length > 10) throw invalidTag('Object tags cannot be greater than 10');
  return tags;
}
