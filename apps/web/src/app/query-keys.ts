import type { ResourceFilters, ResourceListQuery } from '../api/resources';
import type { AuditQuery } from '../api/audit';

/**
 * Every react-query key in one place. Keys are prefixed by what they show, so a finished sync
 * can invalidate everything inventory-shaped with one prefix.
 */
export const queryKeys = {
  session: ['session'] as const,
  authConfig: ['auth-config'] as const,
  status: ['status'] as const,
  resources: ['resources'] as const,
  resourceList: (query: ResourceListQuery) => ['resources', 'list', query] as const,
  facets: (filters: ResourceFilters) => ['resources', 'facets', filters] as const,
  resource: (uid: string) => ['resources', 'one', uid] as const,
  history: (uid: string) => ['resources', 'history', uid] as const,
  syncRuns: ['sync-runs'] as const,
  audit: (query: AuditQuery) => ['audit', query] as const,
  tokens: ['tokens'] as const,
};
