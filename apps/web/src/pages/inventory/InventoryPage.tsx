import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { RESOURCE_FACET_FIELDS, type ResourceFacetField } from '@ccx/core';
import { listResources, resourceFacets } from '../../api/resources';
import type { ResourceFilters, ResourceListQuery } from '../../api/resources';
import { useApiClient } from '../../app/api-context';
import { queryKeys } from '../../app/query-keys';
import { ErrorPanel } from '../../components/ErrorPanel';
import { FacetFilters } from '../../components/list/FacetFilters';
import { ListFooter } from '../../components/list/ListFooter';
import { SearchBox } from '../../components/list/SearchBox';
import { SyncNowButton } from '../../components/SyncNowButton';
import { useListView } from '../../hooks/useListView';
import { inventoryView, nextSort } from '../../inventory/url-state';
import { InventoryTable } from './InventoryTable';
import { TagFilter } from './TagFilter';

const FACET_LABELS = {
  provider: 'Provider',
  account: 'Account',
  region: 'Region',
  type: 'Type',
  state: 'State',
} as const satisfies Record<ResourceFacetField, string>;

/** True when any filter narrows the list, so an empty table means "no match", not "no data". */
function isFiltered(view: ResourceListQuery): boolean {
  return (
    view.q.trim() !== '' ||
    view.tag.length > 0 ||
    RESOURCE_FACET_FIELDS.some((f) => view[f].length > 0)
  );
}

/** The inventory explorer. All of its state is the URL query; see `inventory/url-state`. */
export function InventoryPage() {
  const client = useApiClient();
  const { view, setView, setFilters, paging } = useListView(inventoryView);
  const filters: ResourceFilters = useMemo(
    () => ({
      provider: view.provider,
      account: view.account,
      region: view.region,
      type: view.type,
      state: view.state,
      tag: view.tag,
      q: view.q,
    }),
    [view],
  );

  const list = useQuery({
    queryKey: queryKeys.resourceList(view),
    queryFn: ({ signal }) => listResources(client, view, signal),
    placeholderData: keepPreviousData,
  });
  const facets = useQuery({
    queryKey: queryKeys.facets(filters),
    queryFn: ({ signal }) => resourceFacets(client, filters, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <div className="page">
      <header className="page-header">
        <h1>Inventory</h1>
        <span className="muted" data-testid="inventory-total">
          {list.data ? `${list.data.total} resources` : ''}
        </span>
        <span className="spacer" />
        <SyncNowButton />
      </header>
      <div className="toolbar">
        <SearchBox value={view.q} onCommit={(q) => setFilters({ q }, true)} />
        <TagFilter tags={view.tag} onChange={(tag) => setFilters({ tag })} />
      </div>
      <FacetFilters
        fields={RESOURCE_FACET_FIELDS}
        labels={FACET_LABELS}
        idPrefix="facet"
        selected={view}
        facets={facets.data}
        onChange={(field, values) => setFilters({ [field]: values })}
      />
      {facets.isError ? (
        <ErrorPanel error={facets.error} title="Could not load filter counts" />
      ) : null}
      {list.isError ? <ErrorPanel error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        <>
          <InventoryTable
            items={list.data.items}
            filtered={isFiltered(view)}
            sort={view.sort}
            busy={list.isFetching}
            onSort={(field) => setView({ ...view, sort: nextSort(view.sort, field), offset: 0 })}
          />
          <ListFooter paging={paging} total={list.data.total} label="Inventory pages" />
        </>
      ) : list.isPending ? (
        <p className="muted">Loading resources…</p>
      ) : null}
    </div>
  );
}
