import { RESOURCE_SORT_FIELDS } from '@ccx/store';
import { z } from '@hono/zod-openapi';
import { queryInt } from '../contract';

/**
 * Bounds on filter input. Each value becomes a bound SQL parameter, and databases cap those
 * (SQLite at 32,766), so an unbounded list would turn a hostile URL into a 500 instead of a 400.
 */
const MAX_FILTER_VALUES = 100;
const MAX_FILTER_VALUE_LENGTH = 512;
const boundedValue = z.string().max(MAX_FILTER_VALUE_LENGTH);
const boundedList = z.union([boundedValue, z.array(boundedValue).max(MAX_FILTER_VALUES)]);

/** A filter given as repeated parameters, comma-separated values, or both. */
const listParam = boundedList
  .optional()
  .transform((value) =>
    value === undefined
      ? undefined
      : (Array.isArray(value) ? value : [value])
          .flatMap((part) => part.split(','))
          .map((part) => part.trim())
          .filter((part) => part.length > 0),
  )
  .refine((values) => values === undefined || values.length <= MAX_FILTER_VALUES, {
    message: `at most ${MAX_FILTER_VALUES} values`,
  });

const TAG = /^[^:]+(:.*)?$/;
const tagValue = boundedValue.regex(TAG, 'expected key or key:value');
const tagParam = z
  .union([tagValue, z.array(tagValue).max(MAX_FILTER_VALUES)])
  .optional()
  .transform((value) =>
    value === undefined
      ? undefined
      : (Array.isArray(value) ? value : [value]).map((tag) => {
          const at = tag.indexOf(':');
          return at === -1 ? { key: tag } : { key: tag.slice(0, at), value: tag.slice(at + 1) };
        }),
  );

const SORT = new RegExp(`^-?(${RESOURCE_SORT_FIELDS.join('|')})$`);
const sortParam = z
  .string()
  .regex(SORT, `expected one of ${RESOURCE_SORT_FIELDS.join(', ')}, optionally prefixed by -`)
  .optional()
  .transform((value) => {
    if (value === undefined) return undefined;
    const desc = value.startsWith('-');
    const field = (desc ? value.slice(1) : value) as (typeof RESOURCE_SORT_FIELDS)[number];
    return { field, dir: desc ? ('desc' as const) : ('asc' as const) };
  });

const booleanParam = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((value) => value === 'true' || value === '1');

export const resourceFilterQuerySchema = z.object({
  provider: listParam,
  account: listParam,
  region: listParam,
  type: listParam,
  state: listParam,
  tag: tagParam,
  q: z.string().max(200).optional(),
  includeDeleted: booleanParam,
});

export const resourceListQuerySchema = resourceFilterQuerySchema.extend({
  sort: sortParam,
  offset: queryInt(0, 10_000_000).default(0),
  limit: queryInt(1, 500).default(50),
});

export const uidParamsSchema = z.object({
  uid: z
    .string()
    .min(1)
    // ARNs, the longest provider ids, stop at 2,048 characters; a uid adds a short prefix.
    .max(4096)
    .openapi({
      param: { name: 'uid', in: 'path' },
      description: 'Resource uid, URL-encoded as one segment',
    }),
});

export const historyQuerySchema = z.object({ limit: queryInt(1, 1000).default(200) });
