import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import {
  COMPUTE_FACET_FIELDS,
  type BulkAccepted,
  type ComputeEntry,
  type ComputeFacetField,
  type Operation,
} from '@ccx/api/contract';
import { listCompute, type ComputeListQuery } from '../../api/compute';
import { getStatus } from '../../api/status';
import { useApiClient } from '../../app/api-context';
import { queryKeys } from '../../app/query-keys';
import { ErrorPanel } from '../../components/ErrorPanel';
import { FacetFilters } from '../../components/list/FacetFilters';
import { ListFooter } from '../../components/list/ListFooter';
import { SearchBox } from '../../components/list/SearchBox';
import { SandboxBadge } from '../../components/SandboxBadge';
import { computeKeys } from '../../compute/query-keys';
import {
  computeParams,
  computeView,
  isComputeFiltered,
  nextComputeSort,
} from '../../compute/url-state';
import { sortRefusal, useListView } from '../../hooks/useListView';
import { BulkActions } from './BulkActions';
import { ComputeTable } from './ComputeTable';

const FACET_LABELS = {
  type: 'Type',
  provider: 'Provider',
  state: 'State',
  region: 'Region',
} as const satisfies Record<ComputeFacetField, string>;

/** The same filters in the API's default order, from the first page. */
const inDefaultOrder = (view: ComputeListQuery): ComputeListQuery => ({
  ...view,
  sort: null,
  order: 'asc',
  page: 1,
});

/**
 * Every instance, VM and service, paged, filtered and sorted on the server; the view is the
 * URL query. Rows selected here (across pages) take bulk actions, whose progress shows on
 * their rows. An order the API refuses for these filters (too many rows to sort by size or
 * saving) is said with the API's reason and a link to the default order; the filters stay,
 * their counts read from that default order.
 */
export function ComputePage() {
  const client = useApiClient();
  const { view, setView, setFilters, paging } = useListView(computeView);
  const list = useQuery({
    queryKey: computeKeys.list(view),
    queryFn: ({ signal }) => listCompute(client, view, signal),
    placeholderData: keepPreviousData,
  });
  const refusal = list.isError ? sortRefusal(list.error, view.sort) : null;
  const defaultOrder = inDefaultOrder(view);
  // Fetched only under a refusal: its facets keep the filters usable, and following the
  // link then shows its page at once.
  const fallback = useQuery({
    queryKey: computeKeys.list(defaultOrder),
    queryFn: ({ signal }) => listCompute(client, defaultOrder, signal),
    enabled: refusal !== null,
  });
  const counted = list.data ?? (refusal === null ? undefined : fallback.data);
  const status = useQuery({ queryKey: queryKeys.status, queryFn: () => getStatus(client) });
  const [selected, setSelected] = useState<ReadonlyMap<string, ComputeEntry>>(new Map());
  const [operations, setOperations] = useState<ReadonlyMap<string, Operation>>(new Map());
  // Sparklines end when the page's data arrived, so a re-render does not shift them.
  const now = Math.floor((list.dataUpdatedAt || Date.now()) / 1000);

  const onSelect = useCallback(
    (uids: string[], checked: boolean) => {
      const byUid = new Map(list.data?.items.map((entry) => [entry.uid, entry]));
      setSelected((current) => {
        const next = new Map(current);
        for (const uid of uids) {
          const entry = byUid.get(uid);
          if (checked && entry) next.set(uid, entry);
          else next.delete(uid);
        }
        return next;
      });
    },
    [list.data],
  );
  const [labels, setLabels] = useState<ReadonlyMap<string, string>>(new Map());
  const onStarted = useCallback(
    (answer: BulkAccepted) => {
      setOperations((current) => {
        const next = new Map(current);
        for (const operation of answer.operations) next.set(operation.target, operation);
        return next;
      });
      setLabels((current) => {
        const next = new Map(current);
        for (const entry of selected.values()) next.set(entry.uid, entry.name ?? entry.id);
        return next;
      });
      setSelected(new Map());
    },
    [selected],
  );

  // The selection keeps the entry as it was when ticked; the current page's copy is newer.
  const selection = [...selected.values()].map(
    (entry) => list.data?.items.find((item) => item.uid === entry.uid) ?? entry,
  );
  return (
    <div className="page">
      <header className="page-header">
        <h1>
          Compute <span className="subtitle">the Engine Core</span>
        </h1>
        {status.data?.sandbox ? <SandboxBadge /> : null}
        <span className="muted" data-testid="compute-total">
          {counted ? `${counted.total} resources` : ''}
        </span>
      </header>
      <div className="toolbar">
        <SearchBox value={view.q} onCommit={(q) => setFilters({ q }, true)} />
      </div>
      <FacetFilters
        fields={COMPUTE_FACET_FIELDS}
        labels={FACET_LABELS}
        idPrefix="compute-facet"
        selected={view}
        facets={counted?.facets}
        onChange={(field, values) => setFilters({ [field]: values })}
      />
      {selection.length > 0 || operations.size > 0 ? (
        <BulkActions
          selection={selection}
          started={[...operations.values()].map((operation) => ({
            operation,
            label: labels.get(operation.target) ?? operation.target,
          }))}
          onStarted={onStarted}
          onClear={() => setSelected(new Map())}
        />
      ) : null}
      {refusal !== null ? (
        <SortRefused message={refusal} to={defaultOrder} />
      ) : list.isError ? (
        <ErrorPanel error={list.error} onRetry={() => void list.refetch()} />
      ) : null}
      {list.data ? (
        <>
          <ComputeTable
            items={list.data.items}
            view={view}
            filtered={isComputeFiltered(view)}
            busy={list.isFetching}
            selected={new Set(selected.keys())}
            operations={operations}
            now={now}
            onSort={(field) => setView(nextComputeSort(view, field))}
            onSelect={onSelect}
          />
          <ListFooter paging={paging} total={list.data.total} label="Compute pages" />
        </>
      ) : list.isPending ? (
        <p className="muted">Loading compute resources…</p>
      ) : null}
    </div>
  );
}

/** The API's reason an order is refused, and the one click back to the default order. */
function SortRefused({ message, to }: { message: string; to: ComputeListQuery }) {
  return (
    <div className="panel error-panel" role="alert">
      <strong>Cannot sort these resources that way</strong>
      <p>{message}</p>
      <Link to={{ search: computeParams(to).toString() }}>Show them in the default order</Link>
    </div>
  );
}
