import type { Resource } from '@ccx/core';
import type { ResourcesTable } from '../db/schema';

/**
 * A listed resource with its JSON columns serialised once, as they will be stored. The text is
 * what makes the common case cheap: a row whose stored columns are byte-for-byte the same is
 * unchanged without parsing or diffing anything.
 */
export interface IncomingResource {
  resource: Resource;
  /** Tags with keys sorted, so the same tags always serialise the same way. */
  tagsJson: string;
  attributesJson: string;
}

export function toIncoming(resource: Resource): IncomingResource {
  const tags: Record<string, string> = {};
  for (const key of Object.keys(resource.tags).sort()) tags[key] = resource.tags[key]!;
  return {
    resource,
    tagsJson: JSON.stringify(tags),
    attributesJson: JSON.stringify(resource.attributes),
  };
}

/** True when storing `incoming` would write exactly what `row` already holds. */
export function sameAsStored(
  row: Pick<ResourcesTable, 'name' | 'state' | 'created_at' | 'tags' | 'attributes'>,
  incoming: IncomingResource,
): boolean {
  const { resource } = incoming;
  return (
    row.name === resource.name &&
    row.state === resource.state &&
    row.created_at === resource.createdAt &&
    row.tags === incoming.tagsJson &&
    row.attributes === incoming.attributesJson
  );
}

/**
 * The diffed fields as they will read back from the store: parsed from the serialised text,
 * so `undefined` is gone and dates are strings. Only needed when a row changed.
 */
export function storedShape(
  incoming: IncomingResource,
): Pick<Resource, 'name' | 'state' | 'tags' | 'createdAt' | 'attributes'> {
  const { resource } = incoming;
  return {
    name: resource.name,
    state: resource.state,
    createdAt: resource.createdAt,
    tags: JSON.parse(incoming.tagsJson) as Resource['tags'],
    attributes: JSON.parse(incoming.attributesJson) as Resource['attributes'],
  };
}
