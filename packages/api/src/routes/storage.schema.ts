import { PROVIDERS } from '@ccx/core';
import { z } from '@hono/zod-openapi';
import { bucketRefSchema, queryInt, storageName, storagePrefixSchema } from '../contract';

/**
 * Query parameters of the storage routes; bodies and answers are in `../contract/storage` and
 * `../contract/storage-views`.
 */

export const bucketListQuerySchema = z.object({
  connection: storageName(128).optional(),
  provider: z.enum(PROVIDERS).optional(),
});
export const objectListQuerySchema = bucketRefSchema.extend({
  prefix: storagePrefixSchema.optional(),
  delimiter: z.string().min(1).max(8).optional(),
  cursor: z.string().min(1).max(4096).optional(),
  limit: queryInt(1, 1000).default(200),
});
export const findingsQuerySchema = bucketRefSchema;
