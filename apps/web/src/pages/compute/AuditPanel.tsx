import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { resourceAudit } from '../../api/compute';
import { useApiClient } from '../../app/api-context';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Time } from '../../components/Time';
import { computeKeys } from '../../compute/query-keys';
import { activityHref } from '../activity-params';

/** The newest audit entries about this resource; the activity page, filtered to it, has them all. */
export function AuditPanel({ uid }: { uid: string }) {
  const client = useApiClient();
  const audit = useQuery({
    queryKey: computeKeys.audit(uid),
    queryFn: () => resourceAudit(client, uid),
  });
  return (
    <section className="panel" aria-label="Audit entries">
      <header className="panel-header">
        <h2>Audit entries</h2>
        <Link to={activityHref({ target: uid })}>See all activity</Link>
      </header>
      {audit.isError ? (
        <ErrorPanel error={audit.error} onRetry={() => void audit.refetch()} />
      ) : null}
      {audit.isPending ? <p className="muted">Loading audit entries…</p> : null}
      {audit.data ? (
        audit.data.items.length === 0 ? (
          <p className="muted">No actions on this resource yet.</p>
        ) : (
          <table className="data-table" aria-label="Audit entries of this resource">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Outcome</th>
                <th scope="col">Correlation</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.items.map((event) => (
                <tr key={event.id} data-testid="compute-audit-row">
                  <td>
                    <Time value={event.at} />
                  </td>
                  <td>{event.actor.name}</td>
                  <td>
                    <code>{event.action}</code>
                  </td>
                  <td>
                    <span className={`badge badge-outcome-${event.outcome}`}>{event.outcome}</span>
                  </td>
                  <td>
                    <code>{event.correlationId}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </section>
  );
}
