import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { listResources, resourceFacets } from '../../api/resources';
import type { ResourceFilters, ResourceListQuery } from '../../api/resources';
import { useApiClient } from '../../app/api-context';
import { queryKeys } from '../../app/query-keys';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Pager } from '../../components/Pager';
import { SyncNowButton } from '../../components/SyncNowButton';
import {
  inventoryParams,
  nextSort,
  PAGE_SIZES,
  parseInventoryParams,
  withFilters,
} from '../../inventory/url-state';
import { FACET_FIELDS } from '../../api/schemas/resources';
import { FacetFilters } from './FacetFilters';
import { InventoryTable } from './InventoryTable';
import { SearchBox } from './SearchBox';
import { TagFilter } from './TagFilter';

/** True when any filter narrows the list, so an empty table means "no match", not "no data". */
function isFiltered(view: ReturnType<typeof parseInventoryParams>): boolean {
  return (
    view.q.trim() !== '' || view.tag.length > 0 || FACET_FIELDS.some((f) => view[f].length > 0)
  );
}

/** The inventory explorer. All of its state is the URL query; see `inventory/url-state`. */
export function InventoryPage() {
  const client = useApiClient();
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseInventoryParams(params), [params]);
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

  const setView = useCallback(
    (next: ResourceListQuery, replace = false) => setParams(inventoryParams(next), { replace }),
    [setParams],
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

  const onSearch = useCallback(
    (q: string) => setView(withFilters(view, { q }), true),
    [setView, view],
  );

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
        <SearchBox value={view.q} onCommit={onSearch} />
        <TagFilter tags={view.tag} onChange={(tag) => setView(withFilters(view, { tag }))} />
      </div>
      <FacetFilters
        filters={filters}
        facets={facets.data}
        onChange={(field, values) => setView(withFilters(view, { [field]: values }))}
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
          <div className="table-footer">
            <label className="page-size">
              Rows per page
              <select
                value={view.limit}
                onChange={(event) =>
                  setView({ ...view, limit: Number(event.target.value), offset: 0 })
                }
              >
                {(PAGE_SIZES.some((size) => size === view.limit)
                  ? PAGE_SIZES
                  : [...PAGE_SIZES, view.limit]
                ).map((size) => (
                  <option key={size} value={size}>
                    {size}
                  </option>
                ))}
              </select>
            </label>
            <Pager
              offset={view.offset}
              limit={view.limit}
              total={list.data.total}
              label="Inventory pages"
              onChange={(offset) => setView({ ...view, offset })}
            />
          </div>
        </>
      ) : list.isPending ? (
        <p className="muted">Loading resources…</p>
      ) : null}
    </div>
  );
}
