import { RESOURCE_SORT_FIELDS } from '@ccx/store';
import { z } from '@hono/zod-openapi';
import { queryInt, queryList } from '../contract';

/** Bounds on tag filters, as on the contract's list filters (`queryList`). */
const MAX_FILTER_VALUES = 100;
const MAX_FILTER_VALUE_LENGTH = 512;
const boundedValue = z.string().max(MAX_FILTER_VALUE_LENGTH);

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
  provider: queryList,
  account: queryList,
  region: queryList,
  type: queryList,
  state: queryList,
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
