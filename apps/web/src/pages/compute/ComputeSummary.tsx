import { Link } from 'react-router';
import type { ComputeDetail } from '@ccx/api/contract';
import { AccountName } from '../../components/AccountName';
import { KeyValueTable } from '../../components/KeyValueTable';
import { StateBadge } from '../../components/StateBadge';
import { resourceHref } from '../resource-href';

/** What the resource is: state, size or counts, where it lives, its tags and what hangs off it. */
export function ComputeSummary({ detail }: { detail: ComputeDetail }) {
  const { entry } = detail;
  const service = entry.desiredCount !== null || entry.runningCount !== null;
  return (
    <>
      <div className="two-columns">
        <section className="panel" aria-label="Summary">
          <h2>Summary</h2>
          <dl className="summary-grid">
            <dt>State</dt>
            <dd data-testid="compute-state">
              <StateBadge state={entry.state} />
            </dd>
            {service ? (
              <>
                <dt>Tasks</dt>
                <dd data-testid="compute-counts">
                  {entry.runningCount ?? '—'} running of {entry.desiredCount ?? '—'} desired
                </dd>
              </>
            ) : (
              <>
                <dt>Size</dt>
                <dd data-testid="compute-size">{entry.size ?? '—'}</dd>
              </>
            )}
            <dt>ID</dt>
            <dd>
              <code>{entry.id}</code>
            </dd>
            <dt>Type</dt>
            <dd>{entry.type}</dd>
            <dt>Provider</dt>
            <dd>{entry.provider}</dd>
            <dt>Account</dt>
            <dd>
              <AccountName account={entry.account} alias={entry.accountAlias} />
            </dd>
            <dt>Region</dt>
            <dd>{entry.region}</dd>
            <dt>URI</dt>
            <dd>
              <code>{entry.uri}</code>
            </dd>
          </dl>
          <p>
            <Link to={resourceHref(entry.uid)}>Inventory record and change history</Link>
          </p>
        </section>
        <section className="panel" aria-label="Tags">
          <h2>Tags</h2>
          <KeyValueTable entries={Object.entries(entry.tags)} label="Tags" empty="No tags." />
        </section>
      </div>
      {detail.related.length > 0 ? (
        <section className="panel" aria-label="Related resources">
          <h2>Related resources</h2>
          <table className="data-table" aria-label="Related resources">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">ID</th>
                <th scope="col">Type</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {detail.related.map((item) => (
                <tr key={item.uid} data-testid="related-row">
                  <td>
                    <Link to={resourceHref(item.uid)}>
                      {item.name ?? <span className="muted">(no name)</span>}
                    </Link>
                  </td>
                  <td>
                    <code>{item.id}</code>
                  </td>
                  <td>{item.type}</td>
                  <td>
                    <StateBadge state={item.state} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <section className="panel" aria-label="Attributes">
        <details>
          <summary>
            <h2 className="inline-heading">Attributes</h2>
          </summary>
          <KeyValueTable
            entries={Object.entries(detail.attributes)}
            label="Attributes"
            empty="No attributes."
          />
        </details>
      </section>
    </>
  );
}
