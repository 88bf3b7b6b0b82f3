import { ERROR_CODES, PROVIDERS, ROLES } from '@ccx/core';
import { z } from 'zod';

/**
 * Shapes several domains share. `meta({ id })` names a schema's component in the OpenAPI
 * document; unnamed schemas are written inline wherever they are used.
 */

export const roleSchema = z.enum(ROLES).meta({ id: 'Role' });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof errorSchema>;

export const userSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string().nullable(),
    role: roleSchema,
    sso: z.boolean(),
    createdAt: z.string(),
    disabledAt: z.string().nullable(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof userSchema>;

export const resourceSchema = z
  .object({
    uid: z.string(),
    provider: z.enum(PROVIDERS),
    account: z.string(),
    region: z.string(),
    type: z.string(),
    id: z.string(),
    name: z.string().nullable(),
    state: z.string().nullable(),
    tags: z.record(z.string(), z.string()),
    createdAt: z.string().nullable(),
    attributes: z.record(z.string(), z.unknown()),
    connection: z.string(),
    accountAlias: z.string().nullable().meta({
      description: 'Alias its connection configures for the account (e.g. prod); null if none',
    }),
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
    updatedAt: z.string(),
    deletedAt: z.string().nullable(),
  })
  .meta({ id: 'Resource' });
export type Resource = z.infer<typeof resourceSchema>;

export const SYNC_RUN_STATUSES = ['running', 'succeeded', 'partial', 'failed'] as const;

export const syncErrorSchema = z.object({
  scope: z.string(),
  type: z.string(),
  message: z.string(),
});

export const syncRunSchema = z
  .object({
    id: z.string(),
    trigger: z.string(),
    status: z.enum(SYNC_RUN_STATUSES),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    summary: z.record(z.string(), z.unknown()),
    errors: z.array(syncErrorSchema),
  })
  .meta({ id: 'SyncRun' });
export type SyncRun = z.infer<typeof syncRunSchema>;

export const moneySchema = z.object({ amount: z.number(), currency: z.string() });
export type Money = z.infer<typeof moneySchema>;

/** Values of one facet with the number of items holding each, most frequent first. */
export const facetValuesSchema = z.array(z.object({ value: z.string(), count: z.number().int() }));

/** Non-negative integer from a query string; rejects `1.5`, `-1` and `abc` with a path. */
export const queryInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * Bounds on a list filter. Each value becomes a bound SQL parameter, and databases cap those
 * (SQLite at 32,766), so an unbounded list would turn a hostile URL into a 500 instead of a 400.
 */
const MAX_LIST_VALUES = 100;
const MAX_LIST_VALUE_LENGTH = 512;

/**
 * A list filter from a query string: a comma list, repeated parameters, or both; parts are
 * trimmed and empty ones dropped. At most 100 values of at most 512 characters each.
 */
export const queryList = z
  .union([
    z.string().max(MAX_LIST_VALUE_LENGTH * 4),
    z.array(z.string().max(MAX_LIST_VALUE_LENGTH)).max(MAX_LIST_VALUES),
  ])
  .optional()
  .transform((value) =>
    value === undefined
      ? undefined
      : (Array.isArray(value) ? value : [value])
          .flatMap((part) => part.split(','))
          .map((part) => part.trim())
          .filter((part) => part.length > 0),
  )
  .refine((values) => values === undefined || values.length <= MAX_LIST_VALUES, {
    message: `at most ${MAX_LIST_VALUES} values`,
  })
  .refine(
    (values) => values === undefined || values.every((v) => v.length <= MAX_LIST_VALUE_LENGTH),
    { message: `each value at most ${MAX_LIST_VALUE_LENGTH} characters` },
  );
