import { useQuery } from '@tanstack/react-query';
import { roleAllows, type Role } from '@ccx/core';
import type { SessionInfo } from '@ccx/api/contract';
import { getSession } from '../api/auth';
import { useApiClient } from './api-context';
import { queryKeys } from './query-keys';

/** The signed-in session; errors with `unauthenticated` when there is none. Never retried. */
export function useSession() {
  const client = useApiClient();
  return useQuery({
    queryKey: queryKeys.session,
    queryFn: () => getSession(client),
    retry: false,
    staleTime: 60_000,
  });
}

/**
 * The session of a page inside the signed-in shell. The shell renders nothing until the
 * session is loaded, so below it the session is always present.
 */
export function useRequiredSession(): SessionInfo {
  const { data } = useSession();
  if (!data) throw new Error('useRequiredSession is only valid inside the signed-in shell');
  return data;
}

export function useCan(required: Role): boolean {
  return roleAllows(useRequiredSession().user.role, required);
}
