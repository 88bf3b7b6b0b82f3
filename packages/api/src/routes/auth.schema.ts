import { z } from '@hono/zod-openapi';

/** Only a same-origin absolute path: anything else would make login an open redirect. */
export const returnToSchema = z
  .string()
  .max(2000)
  .regex(/^\/(?![/\\])[^\s]*$/, 'must be a path on this site')
  .optional();

export const oidcLoginQuerySchema = z.object({ returnTo: returnToSchema });

export const oidcCallbackQuerySchema = z
  .object({
    code: z.string().optional(),
    state: z.string().optional(),
    error: z.string().optional(),
    error_description: z.string().optional(),
  })
  .catchall(z.string());
