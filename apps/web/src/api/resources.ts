import {
  resourceDetailSchema,
  resourceFacetsSchema,
  resourceHistorySchema,
  resourcePageSchema,
  type ResourceChange,
  type ResourceDetail,
  type ResourceFacets,
  type ResourcePage,
} from '@ccx/api/contract';
import type { ApiClient, Query } from './client';

/** Server-side filters; each list is OR within a field, fields AND together. */
export interface ResourceFilters {
  provider: string[];
  account: string[];
  region: string[];
  type: string[];
  state: string[];
  /** `key` (has the tag) or `key:value`; every one must hold. */
  tag: string[];
  q: string;
}

export interface ResourceListQuery extends ResourceFilters {
  /** `field` or `-field`; null leaves the order to the server. */
  sort: string | null;
  offset: number;
  limit: number;
}

export function filterQuery(filters: ResourceFilters): Query {
  return {
    provider: filters.provider,
    account: filters.account,
    region: filters.region,
    type: filters.type,
    state: filters.state,
    tag: filters.tag,
    q: filters.q.trim(),
  };
}

export function listResources(
  client: ApiClient,
  query: ResourceListQuery,
  signal?: AbortSignal,
): Promise<ResourcePage> {
  return client.request('/api/resources', resourcePageSchema, {
    query: { ...filterQuery(query), sort: query.sort, offset: query.offset, limit: query.limit },
    signal,
  });
}

export function resourceFacets(
  client: ApiClient,
  filters: ResourceFilters,
  signal?: AbortSignal,
): Promise<ResourceFacets> {
  return client.request('/api/resources/facets', resourceFacetsSchema, {
    query: filterQuery(filters),
    signal,
  });
}

/** The uid already percent-encodes its segments; encoding it again makes it one path segment. */
export function resourcePath(uid: string): string {
  return `/api/resources/${encodeURIComponent(uid)}`;
}

export function getResource(client: ApiClient, uid: string): Promise<ResourceDetail> {
  return client.request(resourcePath(uid), resourceDetailSchema);
}

export async function resourceHistory(client: ApiClient, uid: string): Promise<ResourceChange[]> {
  const { items } = await client.request(`${resourcePath(uid)}/history`, resourceHistorySchema);
  return items;
}
