import { Link, useNavigate } from 'react-router';
import type { Resource } from '@ccx/api/contract';
import { AccountName } from '../../components/AccountName';
import { ListTable } from '../../components/list/ListTable';
import { SortableHeader } from '../../components/list/SortableHeader';
import { StateBadge } from '../../components/StateBadge';
import { Time } from '../../components/Time';
import { sortDirection } from '../../inventory/url-state';
import type { SortField } from '../../inventory/url-state';
import { resourceHref } from '../resource-href';

const COLUMNS = [
  { field: 'name', label: 'Name' },
  { field: 'id', label: 'ID' },
  { field: 'type', label: 'Type' },
  { field: 'state', label: 'State' },
  { field: 'region', label: 'Region' },
  { field: 'account', label: 'Account' },
  { field: 'createdAt', label: 'Created' },
] as const satisfies readonly { field: SortField; label: string }[];

/**
 * The page of resources the server returned, in its order. Headers are buttons that change
 * the server-side sort; a row click opens the resource (the name is also a real link, for
 * keyboards and "open in new tab").
 */
export function InventoryTable({
  items,
  filtered,
  sort,
  onSort,
  busy,
}: {
  items: Resource[];
  /** Whether filters are set: an empty table then means "no match" rather than "no data". */
  filtered: boolean;
  sort: string | null;
  onSort: (field: SortField) => void;
  busy: boolean;
}) {
  const navigate = useNavigate();
  return (
    <ListTable
      label="Resources"
      testId="inventory-table"
      busy={busy}
      columns={COLUMNS.length}
      header={COLUMNS.map((column) => (
        <SortableHeader
          key={column.field}
          label={column.label}
          direction={sortDirection(sort, column.field)}
          onSort={() => onSort(column.field)}
        />
      ))}
      rowCount={items.length}
      empty={
        filtered
          ? 'No resources match these filters.'
          : 'No resources yet: run a sync from the Overview to list them.'
      }
    >
      {items.map((resource) => (
        <tr
          key={resource.uid}
          data-testid="resource-row"
          data-uid={resource.uid}
          className={resource.deletedAt ? 'clickable deleted' : 'clickable'}
          onClick={() => void navigate(resourceHref(resource.uid))}
        >
          <td>
            <Link to={resourceHref(resource.uid)} onClick={(event) => event.stopPropagation()}>
              {resource.name ?? <span className="muted">(no name)</span>}
            </Link>
          </td>
          <td>
            <code>{resource.id}</code>
          </td>
          <td>{resource.type}</td>
          <td>
            <StateBadge state={resource.state} />
          </td>
          <td>{resource.region}</td>
          <td>
            <AccountName account={resource.account} alias={resource.accountAlias} />
          </td>
          <td>
            <Time value={resource.createdAt} />
          </td>
        </tr>
      ))}
    </ListTable>
  );
}
