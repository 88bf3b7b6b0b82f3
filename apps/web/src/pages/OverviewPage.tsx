import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { getStatus } from '../api/status';
import { useApiClient } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { ErrorPanel } from '../components/ErrorPanel';
import { SandboxBadge } from '../components/SandboxBadge';
import { SyncPanel } from '../components/SyncPanel';

/** Only figures the server reports: resource counts, connections, sync state. */
export function OverviewPage() {
  const client = useApiClient();
  const status = useQuery({ queryKey: queryKeys.status, queryFn: () => getStatus(client) });
  return (
    <div className="page">
      <header className="page-header">
        <h1>Overview</h1>
        {status.data ? <span className="muted">version {status.data.version}</span> : null}
      </header>
      {status.isError ? (
        <ErrorPanel error={status.error} onRetry={() => void status.refetch()} />
      ) : null}
      {status.data ? (
        <div className="two-columns">
          <section className="panel" aria-label="Resources">
            <h2>Resources</h2>
            <p className="big-number" data-testid="resource-total">
              <Link to="/inventory">{status.data.resources.total}</Link>
            </p>
            <ul className="plain">
              {Object.entries(status.data.resources.byProvider).map(([provider, count]) => (
                <li key={provider}>
                  <Link to={`/inventory?provider=${encodeURIComponent(provider)}`}>{provider}</Link>
                  : {count}
                </li>
              ))}
            </ul>
          </section>
          <section className="panel" aria-label="Connections">
            <h2>Connections</h2>
            {status.data.connections.length === 0 ? (
              <p className="muted">No connections configured.</p>
            ) : null}
            <ul className="plain">
              {status.data.connections.map((connection) => (
                <li key={connection.name}>
                  <strong>{connection.name}</strong>{' '}
                  <span className="muted">{connection.provider}</span>{' '}
                  {connection.sandbox ? <SandboxBadge /> : null}
                </li>
              ))}
            </ul>
          </section>
        </div>
      ) : null}
      <SyncPanel />
    </div>
  );
}
