import { PROVIDERS } from '@ccx/core';
import { z } from 'zod';
import { syncRunSchema } from './common';

/** What every page's shell shows: totals, the last sync, connections and accounts. */
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
    accounts: z
      .array(
        z.object({
          provider: z.enum(PROVIDERS),
          account: z.string(),
          alias: z.string().nullable(),
          connection: z.string(),
        }),
      )
      .meta({
        description:
          'Cloud accounts seen by sync runs, with the alias their connection configures (null if none)',
      }),
    sandbox: z.boolean(),
    version: z.string(),
  })
  .meta({ id: 'Status' });
export type Status = z.infer<typeof statusSchema>;
