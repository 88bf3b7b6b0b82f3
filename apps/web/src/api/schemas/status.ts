import { z } from 'zod';
import { syncRunSchema } from './sync';

/** Wire shape of `/api/status`: what the shell shows on every page (sandbox badge, totals). */
export const statusSchema = z.object({
  resources: z.object({ total: z.number(), byProvider: z.record(z.string(), z.number()) }),
  lastSync: syncRunSchema.nullable(),
  connections: z.array(z.object({ name: z.string(), provider: z.string(), sandbox: z.boolean() })),
  sandbox: z.boolean(),
  version: z.string(),
});
export type Status = z.infer<typeof statusSchema>;
