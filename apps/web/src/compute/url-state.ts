import { z } from 'zod';
import { COMPUTE_FACET_FIELDS, COMPUTE_SORT_FIELDS } from '@ccx/api/contract';
import type { ComputeListQuery } from '../api/compute';
import type { SortDirection } from '../components/list/SortableHeader';
import type { ListViewCodec } from '../hooks/useListView';

/**
 * The compute list lives in the URL query, so a view can be bookmarked and Back walks through
 * filter changes. Parsing is forgiving (a stale or hand-edited link falls back to defaults
 * field by field); serialising leaves defaults out so links stay short.
 */
export const DEFAULT_PAGE_SIZE = 50;

const sortSchema = z.enum(COMPUTE_SORT_FIELDS).nullable().catch(null);
const orderSchema = z.enum(['asc', 'desc']).catch('asc');
const pageSchema = z.coerce.number().int().min(1).max(1_000_000).catch(1);
/** The API takes at most 200 a page. */
const pageSizeSchema = z.coerce.number().int().min(1).max(200).catch(DEFAULT_PAGE_SIZE);

function listParam(params: URLSearchParams, key: string): string[] {
  const values = params.getAll(key).flatMap((value) => value.split(','));
  return [...new Set(values.map((value) => value.trim()).filter((value) => value !== ''))];
}

export function parseComputeParams(params: URLSearchParams): ComputeListQuery {
  return {
    type: listParam(params, 'type'),
    provider: listParam(params, 'provider'),
    state: listParam(params, 'state'),
    region: listParam(params, 'region'),
    q: params.get('q') ?? '',
    sort: sortSchema.parse(params.get('sort')),
    order: orderSchema.parse(params.get('order') ?? 'asc'),
    page: pageSchema.parse(params.get('page') ?? 1),
    pageSize: pageSizeSchema.parse(params.get('pageSize') ?? DEFAULT_PAGE_SIZE),
  };
}

export function computeParams(view: ComputeListQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (view.q.trim()) params.set('q', view.q.trim());
  for (const field of COMPUTE_FACET_FIELDS) {
    if (view[field].length > 0) params.set(field, view[field].join(','));
  }
  if (view.sort) {
    params.set('sort', view.sort);
    if (view.order === 'desc') params.set('order', 'desc');
  }
  if (view.page > 1) params.set('page', String(view.page));
  if (view.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(view.pageSize));
  return params;
}

/** Any change of filter returns to the first page: the old page may be past the new total. */
export function withComputeFilters(
  view: ComputeListQuery,
  patch: Partial<ComputeListQuery>,
): ComputeListQuery {
  return { ...view, ...patch, page: 1 };
}

/** A header click: ascending by that field, then descending, then ascending again. */
export function nextComputeSort(
  view: ComputeListQuery,
  field: ComputeListQuery['sort'] & string,
): ComputeListQuery {
  const order = view.sort === field && view.order === 'asc' ? 'desc' : 'asc';
  return { ...view, sort: field, order, page: 1 };
}

export function computeSortDirection(
  view: ComputeListQuery,
  field: ComputeListQuery['sort'] & string,
): SortDirection {
  if (view.sort !== field) return 'none';
  return view.order === 'desc' ? 'descending' : 'ascending';
}

/**
 * The compute list's view as `useListView` reads and writes it. The URL counts pages from 1;
 * an offset between two page starts lands on the page that holds it.
 */
export const computeView: ListViewCodec<ComputeListQuery> = {
  parse: parseComputeParams,
  serialise: computeParams,
  paging: (view) => ({ offset: (view.page - 1) * view.pageSize, limit: view.pageSize }),
  withPaging: (view, { offset, limit }) => ({
    ...view,
    pageSize: limit,
    page: Math.floor(offset / limit) + 1,
  }),
  withFilters: withComputeFilters,
};

export function isComputeFiltered(view: ComputeListQuery): boolean {
  return view.q.trim() !== '' || COMPUTE_FACET_FIELDS.some((field) => view[field].length > 0);
}

/** The app path of a compute resource's detail page; the uid travels as one segment. */
export function computeHref(uid: string): string {
  return `/compute/${encodeURIComponent(uid)}`;
}

/** Reads the uid from the raw (still encoded) pathname, independent of router decoding. */
export function computeUidFromPath(pathname: string): string | null {
  const match = /^\/compute\/([^/]+)\/?$/.exec(pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null; // a malformed escape is a bad link: the page says "not found"
  }
}
