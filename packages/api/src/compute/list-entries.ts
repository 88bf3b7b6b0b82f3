import {
  INSTANCE_TYPES,
  SERVICE_TYPES,
  invalidInput,
  type MetricSeries,
  type ProviderConnection,
  type Role,
} from '@ccx/core';
import type {
  ResourceFilter,
  ResourceSortKey,
  Store,
  StoredFinding,
  StoredResource,
} from '@ccx/store';
import { accountAliases } from '../accounts/aliases';
import {
  COMPUTE_TYPE_NAMES,
  type ComputeEntry,
  type ComputeListQuery,
  type ComputeSortField,
} from '../contract';
import { toEntry, type EntryContext } from './entry';
import { COMPUTE_FINDING_KIND_LIST } from './kinds';
import { SIZE_ATTRIBUTE } from './resource-fields';
import { compareSizeKeys, sizeKey } from './size-order';

export interface ComputeReadDeps {
  store: Store;
  connections: ReadonlyMap<string, ProviderConnection>;
  isBusy: (uid: string) => boolean;
  now: () => Date;
  /** How many matching rows a sort by size or saving covers; default `MAX_IN_MEMORY_SORT`. */
  maxInMemorySort?: number;
}

/** What the list shows unless asked for other types: machines and services. */
export const DEFAULT_LIST_TYPES = [...INSTANCE_TYPES, ...SERVICE_TYPES];

/**
 * Sorting by size or saving happens here, not in SQL (size is a JSON attribute measured against
 * the instance catalog, saving lives in findings), over at most this many matching rows; the
 * store sorts everything else. It sorts narrow keys (uid, name, provider, type, size: under
 * 200 bytes a row once read) and loads full rows for one page only. Reading and sorting the
 * keys of 200,000 SQLite rows took about 1 s and 360 MB of peak memory, most of it the driver's
 * transient rows, so this is where it stops. Beyond it such a sort is refused rather than
 * applied to a part.
 */
export const MAX_IN_MEMORY_SORT = 200_000;
const STORE_SORTED: ReadonlySet<ComputeSortField> = new Set(['name', 'state', 'type', 'region']);

/** Findings, CPU series and account aliases of a page of resources, in one query each. */
export async function entryContext(
  deps: ComputeReadDeps,
  resources: readonly StoredResource[],
  role: Role,
): Promise<EntryContext> {
  const uids = resources.map((r) => r.uid);
  const [findings, series, accounts] =
    uids.length === 0
      ? [[], [], []]
      : await Promise.all([
          deps.store.findings.list({ resourceUid: uids, kind: COMPUTE_FINDING_KIND_LIST }),
          deps.store.metricSeries.list({ uids, metrics: ['cpu'] }),
          deps.store.accounts.list(),
        ]);
  return {
    role,
    computeOf: (connection) => deps.connections.get(connection)?.compute,
    isBusy: deps.isBusy,
    findings: groupByResource(findings),
    cpu: new Map(series.map((s: MetricSeries) => [s.uid, s])),
    aliases: accountAliases(accounts),
    nowSeconds: Math.floor(deps.now().getTime() / 1000),
  };
}

function groupByResource(findings: readonly StoredFinding[]): Map<string, StoredFinding[]> {
  const byResource = new Map<string, StoredFinding[]>();
  for (const finding of findings) {
    const list = byResource.get(finding.resourceUid);
    if (list) list.push(finding);
    else byResource.set(finding.resourceUid, [finding]);
  }
  return byResource;
}

function filterOf(query: ComputeListQuery): ResourceFilter {
  const unknown = query.type?.filter((type) => !COMPUTE_TYPE_NAMES.includes(type as never));
  if (unknown?.length)
    throw invalidInput(`Not a compute type: ${unknown.join(', ')}`, {
      expected: COMPUTE_TYPE_NAMES,
    });
  const filter: ResourceFilter = {
    type: query.type?.length ? query.type : DEFAULT_LIST_TYPES,
  };
  if (query.provider?.length) filter.provider = query.provider;
  if (query.account?.length) filter.account = query.account;
  if (query.region?.length) filter.region = query.region;
  if (query.state?.length) filter.state = query.state;
  if (query.q) filter.q = query.q;
  return filter;
}

/** A page of compute entries with facets, filtered and sorted as the query asks. */
export async function listCompute(
  deps: ComputeReadDeps,
  query: ComputeListQuery,
  role: Role,
): Promise<{
  items: ComputeEntry[];
  total: number;
  page: number;
  pageSize: number;
  facets: Record<'type' | 'provider' | 'state' | 'region', { value: string; count: number }[]>;
}> {
  const filter = filterOf(query);
  const offset = (query.page - 1) * query.pageSize;
  const [page, facets] = await Promise.all([
    STORE_SORTED.has(query.sort)
      ? deps.store.resources.query({
          ...filter,
          sort: { field: query.sort as 'name', dir: query.order },
          offset,
          limit: query.pageSize,
        })
      : sortedInMemory(deps, filter, query, offset),
    deps.store.resources.facets(filter),
  ]);
  const context = await entryContext(deps, page.items, role);
  return {
    items: page.items.map((resource) => toEntry(resource, context)),
    total: page.total,
    page: query.page,
    pageSize: query.pageSize,
    facets: {
      // The store counts every type for the type facet (it drops the field's own filter).
      type: facets.type.filter((facet) => COMPUTE_TYPE_NAMES.includes(facet.value as never)),
      provider: facets.provider,
      state: facets.state,
      region: facets.region,
    },
  };
}

async function sortedInMemory(
  deps: ComputeReadDeps,
  filter: ResourceFilter,
  query: ComputeListQuery,
  offset: number,
): Promise<{ items: StoredResource[]; total: number }> {
  const limit = deps.maxInMemorySort ?? MAX_IN_MEMORY_SORT;
  // Counted first, so an oversized match is refused before its keys are loaded.
  const { total: matching } = await deps.store.resources.query({ ...filter, offset: 0, limit: 0 });
  if (matching > limit)
    throw invalidInput(
      `Sorting by ${query.sort} covers at most ${limit} resources and ${matching} match: ` +
        'narrow the filter, or sort by name, state, type or region',
      { sort: query.sort, matching, limit },
    );
  const direction = query.order === 'desc' ? -1 : 1;
  const [keys, order] = await Promise.all([
    deps.store.resources.sortKeys(
      filter,
      query.sort === 'size' ? { attributeByType: sizeAttributesOf(filter) } : {},
    ),
    query.sort === 'size' ? bySize(direction) : bySaving(deps, filter, direction),
  ]);
  // The keys come in the store's name order and Array.prototype.sort is stable, so rows that
  // compare equal stay in that order, as they would sorted by name.
  const pageUids = order(keys)
    .slice(offset, offset + query.pageSize)
    .map((key) => key.uid);
  return { items: await rowsInOrder(deps, filter, pageUids), total: keys.length };
}

/** The size attribute of each listed type that has one. */
function sizeAttributesOf(filter: ResourceFilter): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const type of filter.type ?? Object.keys(SIZE_ATTRIBUTE)) {
    const attribute = SIZE_ATTRIBUTE[type];
    if (attribute !== undefined) attributes[type] = attribute;
  }
  return attributes;
}

/**
 * The full rows of one page, in the page's order. A row deleted since its key was read is left
 * out rather than shown stale.
 */
async function rowsInOrder(
  deps: ComputeReadDeps,
  filter: ResourceFilter,
  uids: readonly string[],
): Promise<StoredResource[]> {
  if (uids.length === 0) return [];
  const { items } = await deps.store.resources.query({
    ...filter,
    uid: [...uids],
    offset: 0,
    limit: uids.length,
  });
  const byUid = new Map(items.map((resource) => [resource.uid, resource]));
  return uids.flatMap((uid) => byUid.get(uid) ?? []);
}

type Order = (keys: readonly ResourceSortKey[]) => ResourceSortKey[];

function bySize(direction: 1 | -1): Order {
  return (keys) =>
    keys
      .map((key) => ({ key, size: sizeKey(key.provider, key.value) }))
      .sort((a, b) => compareSizeKeys(a.size, b.size, direction))
      .map((row) => row.key);
}

/**
 * By the monthly saving of a resource's findings; rows without one go last either way. Only the
 * findings of rows under the filter are summed, so the work is bounded as the keys are.
 */
async function bySaving(
  deps: ComputeReadDeps,
  filter: ResourceFilter,
  direction: 1 | -1,
): Promise<Order> {
  const impacts = await deps.store.findings.monthlyImpactByResource({
    kind: COMPUTE_FINDING_KIND_LIST,
    resources: filter,
  });
  const savings = new Map(impacts.map((impact) => [impact.resourceUid, impact.amount]));
  return (keys) =>
    keys
      .map((key) => ({ key, value: savings.get(key.uid) ?? null }))
      .sort((a, b) => {
        if (a.value === b.value) return 0;
        if (a.value === null) return 1;
        if (b.value === null) return -1;
        return (a.value - b.value) * direction;
      })
      .map((row) => row.key);
}
