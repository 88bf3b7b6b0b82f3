import { z } from 'zod';
import { roleSchema } from './auth';

/** Wire shape of `/api/audit` (the core model's `AuditEvent`). */
export const AUDIT_OUTCOMES = ['pending', 'success', 'failure', 'denied'] as const;

export const auditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({
    kind: z.enum(['user', 'token', 'system']),
    id: z.string(),
    name: z.string(),
    role: roleSchema,
  }),
  action: z.string(),
  target: z.string().nullable(),
  outcome: z.enum(AUDIT_OUTCOMES),
  correlationId: z.string(),
  detail: z.record(z.string(), z.unknown()).default({}),
  sourceIp: z.string().nullable().optional(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEventSchema),
  total: z.number().int().nonnegative(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
