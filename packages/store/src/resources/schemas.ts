import { providerIdSchema } from '@ccx/core';
import { z } from 'zod';
import { RESOURCE_SORT_FIELDS } from '../types';
import { batchResourceSchema } from './batch-resource';

const isoTimestamp = z.iso.datetime({ offset: true });

export const scopeRefSchema = z.object({
  connection: z.string().min(1),
  provider: providerIdSchema,
  account: z.string().min(1),
  region: z.string().min(1),
});

export const applyBatchInputSchema = z.object({
  scope: scopeRefSchema,
  type: z.string().min(1),
  runId: z.string().min(1),
  resources: z.array(batchResourceSchema),
  at: isoTimestamp.optional(),
});

export const completeListingInputSchema = z.object({
  scope: scopeRefSchema,
  type: z.string().min(1),
  runId: z.string().min(1),
  at: isoTimestamp.optional(),
});

/** Attribute names go into a JSON path, so only plain identifiers are accepted. */
const ATTRIBUTE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_ATTRIBUTE_CONDITIONS = 8;

const valuesSchema = z.array(z.string()).optional();
const attributeKeySchema = z.string().regex(ATTRIBUTE_KEY, 'an attribute name is an identifier');
/** Values of one `anyOf`, in all: each is a bound parameter of one statement. */
const MAX_ANY_OF_VALUES = 1000;
/** Uids of one filter; each is a bound parameter too. */
const MAX_UIDS = 1000;

const anyOfSchema = z
  .object({
    id: z.array(z.string()).optional(),
    attributes: z
      .record(attributeKeySchema, z.array(z.string()))
      .refine((attributes) => Object.keys(attributes).length <= MAX_ATTRIBUTE_CONDITIONS, {
        message: `at most ${MAX_ATTRIBUTE_CONDITIONS} attribute names`,
      })
      .optional(),
  })
  .refine(
    (anyOf) =>
      (anyOf.id?.length ?? 0) +
        Object.values(anyOf.attributes ?? {}).reduce((n, values) => n + values.length, 0) <=
      MAX_ANY_OF_VALUES,
    { message: `at most ${MAX_ANY_OF_VALUES} values in anyOf` },
  );

export const resourceFilterSchema = z.object({
  provider: valuesSchema,
  account: valuesSchema,
  region: valuesSchema,
  type: valuesSchema,
  state: valuesSchema,
  tags: z.array(z.object({ key: z.string().min(1), value: z.string().optional() })).optional(),
  q: z.string().optional(),
  attributes: z
    .record(attributeKeySchema, z.string())
    .refine((attributes) => Object.keys(attributes).length <= MAX_ATTRIBUTE_CONDITIONS, {
      message: `at most ${MAX_ATTRIBUTE_CONDITIONS} attribute conditions`,
    })
    .optional(),
  anyOf: anyOfSchema.optional(),
  uid: z
    .array(z.string())
    .max(MAX_UIDS, { message: `at most ${MAX_UIDS} uids` })
    .optional(),
  includeDeleted: z.boolean().optional(),
});

/** Types are bound parameters of a CASE, attribute names go into a JSON path. */
export const sortKeyOptionsSchema = z.object({
  attributeByType: z
    .record(z.string().min(1), attributeKeySchema)
    .refine((map) => Object.keys(map).length <= MAX_ATTRIBUTE_CONDITIONS, {
      message: `at most ${MAX_ATTRIBUTE_CONDITIONS} types with a sort attribute`,
    })
    .optional(),
});

export const resourceQuerySchema = resourceFilterSchema.extend({
  sort: z.object({ field: z.enum(RESOURCE_SORT_FIELDS), dir: z.enum(['asc', 'desc']) }).optional(),
  offset: z.number().int().min(0),
  limit: z.number().int().min(0),
});
