import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { AUDIT_OUTCOMES } from '@ccx/core';
import { listAudit } from '../api/audit';
import { useApiClient } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { ErrorPanel } from '../components/ErrorPanel';
import { NotConnected } from '../components/NotConnected';
import { Pager } from '../components/Pager';
import { Time } from '../components/Time';
import {
  activityFiltersKey,
  activityHref,
  activityParams,
  parseActivityParams,
  type ActivityView,
} from './activity-params';

const PAGE = 50;

/** Policies (not connected yet) and the audit log, newest first, paged on the server. */
export function ActivityPage() {
  const client = useApiClient();
  const [params, setParams] = useSearchParams();
  const view = parseActivityParams(params);
  const { offset, ...filters } = view;
  const query = { ...filters, offset, limit: PAGE };
  const audit = useQuery({
    queryKey: queryKeys.audit(query),
    queryFn: () => listAudit(client, query),
    placeholderData: keepPreviousData,
  });
  const filtered = Object.keys(filters).length > 0;

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
          <AuditFilters
            view={view}
            onApply={(next) => setParams(activityParams(next))}
            filtered={filtered}
          />
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
                        {filtered ? 'No events match these filters.' : 'No events.'}
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
                        <td className="wrap">
                          {event.target === null ? (
                            <span className="muted">—</span>
                          ) : event.target === view.target ? (
                            event.target
                          ) : (
                            <Link
                              to={activityHref({ target: event.target })}
                              title="Only this target's activity"
                            >
                              {event.target}
                            </Link>
                          )}
                        </td>
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
              onChange={(next) => setParams(activityParams({ ...view, offset: next }))}
            />
          </>
        ) : audit.isPending ? (
          <p className="muted">Loading audit log…</p>
        ) : null}
      </section>
    </div>
  );
}

const field = (data: FormData, name: string): string | undefined => {
  const value = data.get(name);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/**
 * Target, action and outcome, each an exact match. Text applies on submit (Enter or the
 * button), since a partial uid matches nothing; the outcome applies as soon as it is picked.
 * The form is keyed by the applied filters (not the page), so Back or a link puts its fields
 * back in step while paging keeps what is being typed.
 */
function AuditFilters({
  view,
  filtered,
  onApply,
}: {
  view: ActivityView;
  filtered: boolean;
  onApply: (next: Omit<ActivityView, 'offset'>) => void;
}) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const outcome = AUDIT_OUTCOMES.find((value) => value === data.get('outcome'));
    const target = field(data, 'target');
    const action = field(data, 'action');
    onApply({
      ...(target ? { target } : {}),
      ...(action ? { action } : {}),
      ...(outcome ? { outcome } : {}),
    });
  };
  return (
    <form
      key={activityFiltersKey(view)}
      className="facets"
      role="search"
      aria-label="Filter the audit log"
      onSubmit={submit}
    >
      <label className="facet">
        <span>Target</span>
        <input
          name="target"
          type="search"
          aria-label="Target"
          placeholder="Resource uid or path"
          maxLength={2000}
          defaultValue={view.target ?? ''}
        />
      </label>
      <label className="facet">
        <span>Action</span>
        <input
          name="action"
          type="search"
          aria-label="Action"
          placeholder="e.g. compute.stop"
          maxLength={100}
          defaultValue={view.action ?? ''}
        />
      </label>
      <label className="facet">
        <span>Outcome</span>
        <select
          name="outcome"
          aria-label="Outcome"
          defaultValue={view.outcome ?? ''}
          onChange={(event) => event.currentTarget.form?.requestSubmit()}
        >
          <option value="">All</option>
          {AUDIT_OUTCOMES.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Filter</button>
      {filtered ? <Link to="/activity">Clear filters</Link> : null}
    </form>
  );
}
