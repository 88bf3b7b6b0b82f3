import type { Resource } from '@ccx/core';
import type { FieldChange } from '../types';

/** The fields of a resource whose changes are history; coordinates never change for a uid. */
export const DIFFED_FIELDS = ['name', 'state', 'tags', 'createdAt', 'attributes'] as const;

type Diffed = Pick<Resource, (typeof DIFFED_FIELDS)[number]>;

/**
 * Field-level differences between two versions of a resource, one entry per changed leaf,
 * in field order and then key order, so the same change always yields the same diff.
 *
 * Plain objects are walked key by key (`tags.env`, `attributes.placement.zone`); arrays and
 * scalars are leaves compared by value. A key present on one side only is recorded with
 * `null` on the other, because JSON has no `undefined` to store.
 */
export function diffResources(before: Diffed, after: Diffed): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of DIFFED_FIELDS) diffValue(field, before[field], after[field], changes);
  return changes;
}

function diffValue(path: string, before: unknown, after: unknown, out: FieldChange[]): void {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys)
      diffValue(`${path}.${key}`, before[key] ?? null, after[key] ?? null, out);
    return;
  }
  if (!deepEqual(before, after)) out.push({ path, before: before ?? null, after: after ?? null });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of JSON values (key order of objects does not matter). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => key in b && deepEqual(a[key], b[key]));
  }
  return false;
}
