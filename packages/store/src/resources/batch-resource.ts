import { resourceSchema, type Resource } from '@ccx/core';
import { z } from 'zod';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  if (!isPlainObject(value)) return false;
  for (const key in value) if (typeof value[key] !== 'string') return false;
  return true;
}

/**
 * A resource as an inventory batch carries it: the core resource shape, with `tags` and
 * `attributes` checked in place instead of through `z.record`, which copies both objects key by
 * key for every resource. Batches are thousands of resources on every sync, and the copies
 * were most of what validating one cost (and garbage for the collector); the store only
 * serialises the two objects, so it needs their shape, never a copy. Accepts exactly what the
 * core schema accepts: plain objects, with string values for tags.
 */
export const batchResourceSchema: z.ZodType<Resource> = resourceSchema.extend({
  tags: z.custom<Record<string, string>>(isStringRecord, 'Expected an object of string values'),
  attributes: z.custom<Record<string, unknown>>(isPlainObject, 'Expected an object'),
});
