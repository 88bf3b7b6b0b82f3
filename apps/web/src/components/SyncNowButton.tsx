import { useMutation, useQueryClient } from '@tanstack/react-query';
import { describeError, isApiError } from '../api/errors';
import { startSync } from '../api/sync';
import { useApiClient } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { useCan } from '../app/session';
import { useSyncEvents } from '../sync/sync-events';

/** Operators and admins only; a viewer gets nothing rather than a button that answers 403. */
export function SyncNowButton() {
  const allowed = useCan('operator');
  const client = useApiClient();
  const queryClient = useQueryClient();
  const { progress, stream } = useSyncEvents();
  // Only trust "running" while the stream is live: a lost stream may have missed run.completed,
  // and the server's 409 still guards against a second run.
  const running = progress.running && stream === 'open';
  const start = useMutation({
    mutationFn: () => startSync(client),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.syncRuns }),
  });
  if (!allowed) return null;
  return (
    <span className="sync-now">
      <button
        type="button"
        className="primary"
        onClick={() => start.mutate()}
        disabled={start.isPending || running}
      >
        {running ? 'Sync running…' : 'Sync now'}
      </button>
      {start.isError ? (
        <span role="alert" className="inline-error">
          {isApiError(start.error, 'conflict')
            ? 'A sync is already running.'
            : describeError(start.error)}
        </span>
      ) : null}
    </span>
  );
}
