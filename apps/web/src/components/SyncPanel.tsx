import { useQuery } from '@tanstack/react-query';
import { listSyncRuns } from '../api/sync';
import { useApiClient } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { useSyncEvents } from '../sync/sync-events';
import { ErrorPanel } from './ErrorPanel';
import { SyncNowButton } from './SyncNowButton';
import { Time } from './Time';

const STREAM_LABELS = {
  connecting: 'connecting to live updates…',
  open: 'live',
  reconnecting: 'live updates lost, reconnecting…',
  closed: 'live updates unavailable',
} as const;

/** Live progress of the current run (from the event stream) and the last finished run. */
export function SyncPanel() {
  const client = useApiClient();
  const { progress, stream, streamError } = useSyncEvents();
  const runs = useQuery({ queryKey: queryKeys.syncRuns, queryFn: () => listSyncRuns(client, 5) });
  const last = runs.data?.find((run) => run.status !== 'running') ?? null;
  // A page opened during a run knows of it from the run list before any event arrives.
  const runningRun = runs.data?.find((run) => run.status === 'running') ?? null;
  const joinedMidway = progress.running && progress.startedAt === null;

  return (
    <section className="panel sync-panel" aria-label="Sync status" data-testid="sync-panel">
      <header className="panel-header">
        <h2>Sync</h2>
        <span className={`stream stream-${stream}`}>{STREAM_LABELS[stream]}</span>
        <SyncNowButton />
      </header>
      {streamError ? (
        <p className="inline-error" role="alert">
          {streamError}
        </p>
      ) : null}
      {!progress.runId && runningRun ? (
        <p className="sync-progress" data-testid="sync-progress" aria-live="polite">
          <strong>Running</strong> run <code>{runningRun.id}</code>, started{' '}
          <Time value={runningRun.startedAt} /> ({runningRun.trigger}); live counts appear with its
          next event.
        </p>
      ) : null}
      {progress.runId ? (
        <div className="sync-progress" data-testid="sync-progress" aria-live="polite">
          <p>
            <strong>{progress.running ? 'Running' : 'Finished'}</strong> run{' '}
            <code>{progress.runId}</code>
          </p>
          {joinedMidway ? (
            <p className="muted" data-testid="sync-joined">
              This page joined the run after it started: counts cover what happened since.
            </p>
          ) : null}
          {progress.jobsTotal ? (
            <progress max={progress.jobsTotal} value={progress.jobsDone} aria-label="Jobs done" />
          ) : null}
          <dl className="stats">
            <dt>Jobs</dt>
            <dd data-testid="sync-jobs">
              {progress.jobsDone} / {progress.jobsTotal ?? '?'}
            </dd>
            <dt>Resources listed</dt>
            <dd data-testid="sync-listed">{progress.listed}</dd>
            <dt>Retries</dt>
            <dd>{progress.retries}</dd>
            <dt>Failures</dt>
            <dd>{progress.jobsFailed}</dd>
          </dl>
          {progress.failures.length > 0 ? (
            <ul className="failures">
              {progress.failures.map((failure) => (
                <li key={failure.jobId}>
                  <code>{failure.scope}</code> {failure.resourceType}: {failure.error}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {runs.isError ? <ErrorPanel error={runs.error} onRetry={() => void runs.refetch()} /> : null}
      {runs.isSuccess ? (
        last ? (
          <p data-testid="last-sync">
            Last run <span className={`badge badge-run-${last.status}`}>{last.status}</span>{' '}
            finished <Time value={last.finishedAt} /> ({last.trigger}
            {last.errors.length > 0
              ? `, ${last.errors.length} error${last.errors.length === 1 ? '' : 's'}`
              : ''}
            )
          </p>
        ) : (
          <p className="muted">No sync has finished yet.</p>
        )
      ) : null}
    </section>
  );
}
