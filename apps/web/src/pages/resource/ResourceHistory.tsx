import type { ResourceChange } from '@ccx/api/contract';
import { formatValue } from '../../components/KeyValueTable';
import { Time } from '../../components/Time';

/** Newest first, as the server returns it. An update lists each field: before → after. */
export function ResourceHistory({ changes }: { changes: ResourceChange[] }) {
  if (changes.length === 0) return <p className="muted">No recorded changes.</p>;
  return (
    <ol className="history" aria-label="Change history">
      {changes.map((change) => (
        <li
          key={String(change.id)}
          className={`history-item history-${change.kind}`}
          data-testid="history-item"
        >
          <div className="history-head">
            <span className={`badge badge-change-${change.kind}`}>{change.kind}</span>
            <Time value={change.at} />
            {change.syncRunId ? <span className="muted">run {change.syncRunId}</span> : null}
          </div>
          {change.diff.length > 0 ? (
            <table className="diff-table">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {change.diff.map((field) => (
                  <tr key={field.path}>
                    <th scope="row">
                      <code>{field.path}</code>
                    </th>
                    <td className="before">{formatValue(field.before)}</td>
                    <td className="after">
                      {field.after === undefined ? <em>deleted</em> : formatValue(field.after)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
