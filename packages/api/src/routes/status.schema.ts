import { PROVIDERS } from '@ccx/core';
import { z } from '@hono/zod-openapi';
import { syncRunSchema } from './common.schema';

export const statusSchema = z
  .object({
    resources: z.object({
      total: z.number().int(),
      byProvider: z.record(z.string(), z.number().int()),
    }),
    lastSync: syncRunSchema.nullable(),
    connections: z.array(
      z.object({ name: z.string(), provider: z.enum(PROVIDERS), sandbox: z.boolean() }),
    ),
    sandbox: z.boolean(),
    version: z.string(),
  })
  .openapi('Status');
