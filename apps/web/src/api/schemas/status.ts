import { z } from 'zod';
import { syncRunSchema } from './sync';

/** Wire shape of `/api/status`: what the shell shows on every page (sandbox badge, totals). */
export const statusSchema = z.object({
  resources: z.object({ total: z.number(), byProvider: z.record(z.string(), z.number()) }),
  lastSync: syncRunSchema.nullable(),
  connections: z.array(z.object({ name: z.string(), provider: z.string(), sandbox: z.boolean() })),
  /** Accounts seen by sync runs, with the alias their connection configures (null if none). */
  accounts: z.array(
    z.object({
      provider: z.string(),
      account: z.string(),
      alias: z.string().nullable(),
      connection: z.string(),
    }),
  ),
  sandbox: z.boolean(),
  version: z.string(),
});
export type Status = z.infer<typeof statusSchema>;
