import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Operation } from '@ccx/api/contract';
import { getOperation } from '../api/compute';
import { useApiClient } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { computeKeys } from './query-keys';

/** How often a running operation is asked about: steps take seconds, so once a second. */
export const OPERATION_POLL_MS = 1000;

/**
 * Follows an operation until it ends, starting from the answer that created it. Polling stops
 * when it ends or when asking fails (the error is shown; a retry is the user's). When it
 * ends, every compute and inventory view is refreshed once, since the resource's state and
 * size were re-read by the server.
 */
export function useOperation(initial: Operation) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: computeKeys.operation(initial.id),
    queryFn: ({ signal }) => getOperation(client, initial.id, signal),
    initialData: initial,
    retry: false,
    refetchInterval: (current) =>
      current.state.status === 'error' || current.state.data?.status !== 'running'
        ? false
        : OPERATION_POLL_MS,
  });
  const status = query.data.status;
  useEffect(() => {
    if (status === 'running') return;
    void queryClient.invalidateQueries({ queryKey: computeKeys.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.resources });
  }, [status, queryClient]);
  return query;
}
