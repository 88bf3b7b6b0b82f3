import { AUDIT_OUTCOMES, ROLES } from '@ccx/core';
import { z } from '@hono/zod-openapi';
import { queryInt } from './common.schema';

export const auditQuerySchema = z.object({
  offset: queryInt(0, 10_000_000).default(0),
  limit: queryInt(1, 500).default(50),
  action: z.string().max(100).optional(),
  actorId: z.string().max(100).optional(),
  target: z.string().max(2000).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  correlationId: z.string().max(100).optional(),
});

export const auditEventSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.object({
      kind: z.enum(['user', 'token', 'system']),
      id: z.string(),
      name: z.string(),
      role: z.enum(ROLES),
    }),
    action: z.string(),
    target: z.string().nullable(),
    outcome: z.enum(AUDIT_OUTCOMES),
    correlationId: z.string(),
    detail: z.record(z.string(), z.unknown()),
    sourceIp: z.string().nullable(),
  })
  .openapi('AuditEvent');

export const auditPageSchema = z
  .object({ items: z.array(auditEventSchema), total: z.number().int() })
  .openapi('AuditPage');
