import { AUDIT_OUTCOMES } from '@ccx/core';
import { z } from '@hono/zod-openapi';
import { queryInt } from '../contract';

export const auditQuerySchema = z.object({
  offset: queryInt(0, 10_000_000).default(0),
  limit: queryInt(1, 500).default(50),
  action: z.string().max(100).optional(),
  actorId: z.string().max(100).optional(),
  target: z.string().max(2000).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  correlationId: z.string().max(100).optional(),
});
