import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { isApiError } from '../api/errors';
import { getStatus } from '../api/status';
import { useApiClient } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { useSession } from '../app/session';
import { SyncEventsProvider } from '../sync/sync-events';
import { ErrorPanel } from './ErrorPanel';
import { SandboxBadge } from './SandboxBadge';
import { Sidebar } from './Sidebar';
import { UserMenu } from './UserMenu';

/** The signed-in frame. Nothing below it renders until the session is known. */
export function Shell() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <p className="loading-page">Loading…</p>;
  if (session.isError) {
    if (isApiError(session.error, 'unauthenticated')) {
      const returnTo = `${location.pathname}${location.search}`;
      return <Navigate to={`/login?returnTo=${encodeURIComponent(returnTo)}`} replace />;
    }
    return (
      <main className="centered">
        <ErrorPanel
          error={session.error}
          title="Could not reach the server"
          onRetry={() => void session.refetch()}
        />
      </main>
    );
  }
  return (
    <SyncEventsProvider>
      <div className="shell">
        <TopBar />
        <Sidebar />
        <main className="content" id="main">
          <Outlet />
        </main>
      </div>
    </SyncEventsProvider>
  );
}

function TopBar() {
  const client = useApiClient();
  const status = useQuery({ queryKey: queryKeys.status, queryFn: () => getStatus(client) });
  return (
    <header className="topbar">
      <Link to="/" className="brand">
        Creator&rsquo;s Codex
      </Link>
      {status.data?.sandbox ? <SandboxBadge /> : null}
      {status.isError ? (
        <span className="inline-error" role="status">
          status unavailable
        </span>
      ) : null}
      <span className="spacer" />
      <UserMenu />
    </header>
  );
}
