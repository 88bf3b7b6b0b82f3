import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { listAudit } from '../api/audit';
import { AUDIT_OUTCOMES } from '../api/schemas/audit';
import { useApiClient } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { ErrorPanel } from '../components/ErrorPanel';
import { NotConnected } from '../components/NotConnected';
import { Pager } from '../components/Pager';
import { Time } from '../components/Time';

const PAGE = 50;
const offsetSchema = z.coerce.number().int().min(0).catch(0);
const outcomeSchema = z.enum(AUDIT_OUTCOMES).optional().catch(undefined);

/** Policies (not connected yet) and the audit log, newest first, paged on the server. */
export function ActivityPage() {
  const client = useApiClient();
  const [params, setParams] = useSearchParams();
  const offset = offsetSchema.parse(params.get('offset') ?? 0);
  const outcome = outcomeSchema.parse(params.get('outcome') ?? undefined);
  const query = { offset, limit: PAGE, outcome };
  const audit = useQuery({
    queryKey: queryKeys.audit(query),
    queryFn: () => listAudit(client, query),
    placeholderData: keepPreviousData,
  });

  const update = (next: { offset?: number; outcome?: string }) => {
    const search = new URLSearchParams();
    const nextOutcome = 'outcome' in next ? next.outcome : outcome;
    if (nextOutcome) search.set('outcome', nextOutcome);
    if (next.offset) search.set('offset', String(next.offset));
    setParams(search);
  };

  return (
    <div className="page">
      <header className="page-header">
        <h1>Policies &amp; activity</h1>
      </header>
      <NotConnected title="Policies">
        <p>
          Policies as code (filters, actions, dry-runs, schedules, approvals) are not available yet.
        </p>
      </NotConnected>
      <section className="panel" aria-label="Audit log">
        <header className="panel-header">
          <h2>Audit log</h2>
          <label className="facet">
            <span>Outcome</span>
            <select
              aria-label="Outcome"
              value={outcome ?? ''}
              onChange={(event) => update({ offset: 0, outcome: event.target.value || undefined })}
            >
              <option value="">All</option>
              {AUDIT_OUTCOMES.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </label>
        </header>
        {audit.isError ? (
          <ErrorPanel error={audit.error} onRetry={() => void audit.refetch()} />
        ) : null}
        {audit.data ? (
          <>
            <div className="table-wrap">
              <table className="data-table" aria-label="Audit events" aria-busy={audit.isFetching}>
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">Actor</th>
                    <th scope="col">Action</th>
                    <th scope="col">Target</th>
                    <th scope="col">Outcome</th>
                    <th scope="col">Correlation</th>
                  </tr>
                </thead>
                <tbody>
                  {audit.data.items.length === 0 ? (
                    <tr>
                      <td colSpan={6} className="empty">
                        No events.
                      </td>
                    </tr>
                  ) : (
                    audit.data.items.map((event) => (
                      <tr key={event.id} data-testid="audit-row">
                        <td>
                          <Time value={event.at} />
                        </td>
                        <td>
                          {event.actor.name}{' '}
                          <span className="muted">
                            ({event.actor.kind}, {event.actor.role})
                          </span>
                        </td>
                        <td>
                          <code>{event.action}</code>
                        </td>
                        <td className="wrap">{event.target ?? <span className="muted">—</span>}</td>
                        <td>
                          <span className={`badge badge-outcome-${event.outcome}`}>
                            {event.outcome}
                          </span>
                        </td>
                        <td>
                          <code>{event.correlationId}</code>
                        </td>
                      </tr>
                    ))
                  )}
                </tbody>
              </table>
            </div>
            <Pager
              offset={offset}
              limit={PAGE}
              total={audit.data.total}
              label="Audit pages"
              onChange={(next) => update({ offset: next })}
            />
          </>
        ) : audit.isPending ? (
          <p className="muted">Loading audit log…</p>
        ) : null}
      </section>
    </div>
  );
}
