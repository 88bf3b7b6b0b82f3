import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { isApiError } from '../api/errors';

/**
 * How a list page's view is read from and written to the URL query. Each list keeps its own
 * parameters (offset and limit, or page and page size); paging is seen here as an offset into
 * the server's list and a page size, so one footer serves every list.
 */
export interface ListViewCodec<V> {
  /** Forgiving: a stale or hand-edited link falls back to defaults field by field. */
  parse: (params: URLSearchParams) => V;
  /** Leaves defaults out, so links stay short. */
  serialise: (view: V) => URLSearchParams;
  paging: (view: V) => { offset: number; limit: number };
  withPaging: (view: V, paging: { offset: number; limit: number }) => V;
  /** Any change of filter returns to the first page: the old one may be past the new total. */
  withFilters: (view: V, patch: Partial<V>) => V;
}

export interface ListPaging {
  offset: number;
  limit: number;
  setOffset: (offset: number) => void;
  /** A new page size starts again from the first page. */
  setLimit: (limit: number) => void;
}

export interface ListView<V> {
  view: V;
  /** `replace` rewrites the current history entry (typing), instead of adding one (a click). */
  setView: (next: V, replace?: boolean) => void;
  setFilters: (patch: Partial<V>, replace?: boolean) => void;
  paging: ListPaging;
}

/**
 * A list view that lives in the URL query, so it can be bookmarked and shared and Back/Forward
 * walk through its changes. The URL is the only state: nothing here is kept beside it.
 */
export function useListView<V>(codec: ListViewCodec<V>): ListView<V> {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => codec.parse(params), [codec, params]);
  const setView = useCallback(
    (next: V, replace = false) => setParams(codec.serialise(next), { replace }),
    [codec, setParams],
  );
  const setFilters = useCallback(
    (patch: Partial<V>, replace = false) => setView(codec.withFilters(view, patch), replace),
    [codec, setView, view],
  );
  const paging = useMemo((): ListPaging => {
    const { offset, limit } = codec.paging(view);
    return {
      offset,
      limit,
      setOffset: (next) => setView(codec.withPaging(view, { offset: next, limit })),
      setLimit: (next) => setView(codec.withPaging(view, { offset: 0, limit: next })),
    };
  }, [codec, setView, view]);
  return { view, setView, setFilters, paging };
}

/**
 * The API's refusal of the order a list view asks for (`invalid_input` naming that `sort`, as
 * a sort done in memory answers beyond its limit), as its message; null for any other
 * failure. A page says it beside its filters with a way back to the default order: the
 * filters are fine, only the order is not available.
 */
export function sortRefusal(error: unknown, sort: string | null): string | null {
  if (sort === null || !isApiError(error, 'invalid_input')) return null;
  return error.details['sort'] === sort ? error.message : null;
}
