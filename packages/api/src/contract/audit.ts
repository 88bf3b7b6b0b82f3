import { AUDIT_OUTCOMES, ROLES } from '@ccx/core';
import { z } from 'zod';

/** An audit entry as `/api/audit` answers it (the core model's `AuditEvent`). */
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
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditPageSchema = z
  .object({ items: z.array(auditEventSchema), total: z.number().int() })
  .meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof auditPageSchema>;
