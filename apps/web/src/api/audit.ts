import { auditPageSchema, type AuditPage } from '@ccx/api/contract';
import type { ApiClient } from './client';

export interface AuditQuery {
  offset: number;
  limit: number;
  action?: string;
  actorId?: string;
  target?: string;
  outcome?: string;
}

export function listAudit(client: ApiClient, query: AuditQuery): Promise<AuditPage> {
  return client.request('/api/audit', auditPageSchema, { query: { ...query } });
}
