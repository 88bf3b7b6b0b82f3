import { RESOURCE_FACET_FIELDS, RESOURCE_SORT_FIELDS, type ResourceSortField } from '@ccx/core';
import { z } from 'zod';
import type { ResourceListQuery } from '../api/resources';
import type { SortDirection } from '../components/list/SortableHeader';
import type { ListViewCodec } from '../hooks/useListView';

/**
 * The inventory view lives in the URL query so a view can be bookmarked and shared, and so
 * Back/Forward walk through filter changes. Parsing is forgiving — a hand-edited or stale
 * link falls back to defaults field by field rather than failing — and serialising leaves
 * defaults out so links stay short.
 */
export const SORT_FIELDS = RESOURCE_SORT_FIELDS;
export type SortField = ResourceSortField;
export const DEFAULT_LIMIT = 50;

const sortSchema = z
  .string()
  .regex(new RegExp(`^-?(${SORT_FIELDS.join('|')})$`))
  .nullable()
  .catch(null);
const offsetSchema = z.coerce.number().int().min(0).catch(0);
const limitSchema = z.coerce.number().int().min(1).max(500).catch(DEFAULT_LIMIT);

function listParam(params: URLSearchParams, key: string, splitCommas: boolean): string[] {
  const values = params.getAll(key).flatMap((value) => (splitCommas ? value.split(',') : [value]));
  return [...new Set(values.map((value) => value.trim()).filter((value) => value !== ''))];
}

export function parseInventoryParams(params: URLSearchParams): ResourceListQuery {
  const facets = Object.fromEntries(
    RESOURCE_FACET_FIELDS.map((field) => [field, listParam(params, field, true)]),
  ) as Record<(typeof RESOURCE_FACET_FIELDS)[number], string[]>;
  return {
    ...facets,
    // Tag values may contain commas, so tags are only ever repeated, never comma-joined.
    tag: listParam(params, 'tag', false),
    q: params.get('q') ?? '',
    sort: sortSchema.parse(params.get('sort')),
    offset: offsetSchema.parse(params.get('offset') ?? 0),
    limit: limitSchema.parse(params.get('limit') ?? DEFAULT_LIMIT),
  };
}

export function inventoryParams(view: ResourceListQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (view.q.trim()) params.set('q', view.q.trim());
  for (const field of RESOURCE_FACET_FIELDS)
    for (const value of view[field]) params.append(field, value);
  for (const tag of view.tag) params.append('tag', tag);
  if (view.sort) params.set('sort', view.sort);
  if (view.offset > 0) params.set('offset', String(view.offset));
  if (view.limit !== DEFAULT_LIMIT) params.set('limit', String(view.limit));
  return params;
}

/** Clicking a header: sort ascending by it, then descending, then ascending again. */
export function nextSort(current: string | null, field: SortField): string {
  return current === field ? `-${field}` : field;
}

export function sortDirection(current: string | null, field: SortField): SortDirection {
  if (current === field) return 'ascending';
  if (current === `-${field}`) return 'descending';
  return 'none';
}

/**
 * `key` means "has the tag", `key:value` means "tag equals value". The first colon splits, so
 * values may contain colons (ARNs, URLs); keys may not, which matches every provider's rules.
 */
export function parseTagFilter(text: string): { key: string; value?: string } | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const colon = trimmed.indexOf(':');
  if (colon === -1) return { key: trimmed };
  const key = trimmed.slice(0, colon).trim();
  if (!key) return null;
  return { key, value: trimmed.slice(colon + 1) };
}

/** Any change of filter returns to the first page; the old offset may be past the new total. */
export function withFilters(
  view: ResourceListQuery,
  patch: Partial<ResourceListQuery>,
): ResourceListQuery {
  return { ...view, ...patch, offset: 0 };
}

/** The inventory list's view as `useListView` reads and writes it. */
export const inventoryView: ListViewCodec<ResourceListQuery> = {
  parse: parseInventoryParams,
  serialise: inventoryParams,
  paging: (view) => ({ offset: view.offset, limit: view.limit }),
  withPaging: (view, { offset, limit }) => ({ ...view, offset, limit }),
  withFilters,
};
