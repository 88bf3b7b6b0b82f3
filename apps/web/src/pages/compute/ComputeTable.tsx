import { Link } from 'react-router';
import type { ComputeEntry, ComputeSortField, Operation } from '@ccx/api/contract';
import type { ComputeListQuery } from '../../api/compute';
import { AccountName } from '../../components/AccountName';
import { StateBadge } from '../../components/StateBadge';
import { Sparkline } from '../../components/charts/Sparkline';
import { formatMetricValue, formatSaving } from '../../compute/format';
import { computeHref, computeSortDirection } from '../../compute/url-state';
import { ListTable } from '../../components/list/ListTable';
import { SortableHeader } from '../../components/list/SortableHeader';
import { RowOperation } from './RowOperation';

const SPARKLINE_SECONDS = 7 * 86_400;

const COLUMNS: { label: string; sort?: ComputeSortField }[] = [
  { label: 'Name', sort: 'name' },
  { label: 'State', sort: 'state' },
  { label: 'Size', sort: 'size' },
  { label: 'Type', sort: 'type' },
  { label: 'Region', sort: 'region' },
  { label: 'Account' },
  { label: 'CPU, 7 days' },
  { label: 'Saving', sort: 'saving' },
];

const formatPercent = (value: number) => formatMetricValue('percent', value);

/**
 * The page of compute resources the server returned, in its order. Headers with a sort are
 * buttons that change the server-side order. A checkbox per row builds the selection for bulk
 * actions; a row with an action under way shows its progress under the state.
 */
export function ComputeTable({
  items,
  view,
  filtered,
  busy,
  selected,
  operations,
  now,
  onSort,
  onSelect,
}: {
  items: ComputeEntry[];
  view: ComputeListQuery;
  filtered: boolean;
  busy: boolean;
  selected: ReadonlySet<string>;
  operations: ReadonlyMap<string, Operation>;
  /** Epoch seconds the sparklines end at. */
  now: number;
  onSort: (field: ComputeSortField) => void;
  onSelect: (uids: string[], checked: boolean) => void;
}) {
  const allSelected = items.length > 0 && items.every((item) => selected.has(item.uid));
  return (
    <ListTable
      label="Compute resources"
      testId="compute-table"
      className="compute-table"
      busy={busy}
      columns={COLUMNS.length + 1}
      header={
        <>
          <th scope="col" className="select-cell">
            <input
              type="checkbox"
              aria-label="Select every row of this page"
              checked={allSelected}
              disabled={items.length === 0}
              onChange={(event) =>
                onSelect(
                  items.map((item) => item.uid),
                  event.target.checked,
                )
              }
            />
          </th>
          {COLUMNS.map((column) => {
            if (!column.sort) {
              return (
                <th key={column.label} scope="col">
                  {column.label}
                </th>
              );
            }
            const field = column.sort;
            return (
              <SortableHeader
                key={column.label}
                label={column.label}
                direction={computeSortDirection(view, field)}
                onSort={() => onSort(field)}
              />
            );
          })}
        </>
      }
      rowCount={items.length}
      empty={
        filtered
          ? 'No compute resources match these filters.'
          : 'No compute resources yet: run a sync from the Overview to list them.'
      }
    >
      {items.map((entry) => {
        const label = entry.name ?? entry.id;
        const operation = operations.get(entry.uid);
        return (
          <tr key={entry.uid} data-testid="compute-row" data-uid={entry.uid}>
            <td className="select-cell">
              <input
                type="checkbox"
                aria-label={`Select ${label}`}
                checked={selected.has(entry.uid)}
                onChange={(event) => onSelect([entry.uid], event.target.checked)}
              />
            </td>
            <td>
              <Link to={computeHref(entry.uid)}>
                {entry.name ?? <span className="muted">{entry.id}</span>}
              </Link>
            </td>
            <td>
              <StateBadge state={entry.state} />
              {operation ? <RowOperation key={operation.id} initial={operation} /> : null}
            </td>
            <td>
              {entry.desiredCount !== null || entry.runningCount !== null ? (
                <span title="running / desired tasks">
                  {entry.runningCount ?? '—'} / {entry.desiredCount ?? '—'}
                </span>
              ) : (
                (entry.size ?? <span className="muted">—</span>)
              )}
            </td>
            <td>{entry.type}</td>
            <td>{entry.region}</td>
            <td>
              <AccountName account={entry.account} alias={entry.accountAlias} />
            </td>
            <td>
              {entry.sparkline ? (
                <Sparkline
                  series={entry.sparkline}
                  periodSeconds={entry.sparkline.periodSeconds}
                  start={now - SPARKLINE_SECONDS}
                  end={now}
                  label={`CPU of ${label}, last 7 days`}
                  format={formatPercent}
                  percent
                />
              ) : (
                <span className="muted">—</span>
              )}
            </td>
            <td className="numeric" data-testid="compute-saving">
              {formatSaving(entry.findings.monthlySaving)}
            </td>
          </tr>
        );
      })}
    </ListTable>
  );
}
