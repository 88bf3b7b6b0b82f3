import { actionNameSchema } from '@ccx/core';
import { z } from '@hono/zod-openapi';

export const actionBodySchema = z.object({ action: actionNameSchema }).openapi('ActionRequest');

export const actionResultSchema = z
  .object({
    correlationId: z.string(),
    outcome: z.literal('success'),
    state: z.string().nullable(),
  })
  .openapi('ActionResult');
