import {
  COMPUTE_TYPES,
  INSTANCE_TYPES,
  SERVICE_TYPES,
  formatComputeUri,
  invalidInput,
  type ProviderConnection,
  type Resource,
  type Scope,
} from '@ccx/core';
import { countsOf, sizeOf } from '@ccx/api';
import type { Store } from '@ccx/store';

/** One line of `ccx compute ls --json`. */
export interface ComputeListing {
  uri: string;
  uid: string;
  provider: string;
  type: string;
  account: string;
  region: string;
  id: string;
  name: string | null;
  state: string | null;
  size: string | null;
  desiredCount: number | null;
}

export interface ListFilter {
  types: readonly string[];
  provider?: string;
  states?: readonly string[];
}

const KNOWN_TYPES: readonly string[] = Object.values(COMPUTE_TYPES);
export const DEFAULT_TYPES: readonly string[] = [...INSTANCE_TYPES, ...SERVICE_TYPES];

/** Scopes listed at once across all connections: enough to overlap round trips, not to flood. */
const SCOPE_CONCURRENCY = 4;

export function parseTypes(value: string | undefined): string[] {
  if (value === undefined) return [...DEFAULT_TYPES];
  const types = value
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const unknown = types.filter((t) => !KNOWN_TYPES.includes(t));
  if (unknown.length > 0 || types.length === 0)
    throw invalidInput(`--type takes a comma list of ${KNOWN_TYPES.join(', ')}`);
  return types;
}

export function toListing(resource: Resource): ComputeListing {
  return {
    uri: formatComputeUri(resource),
    uid: resource.uid,
    provider: resource.provider,
    type: resource.type,
    account: resource.account,
    region: resource.region,
    id: resource.id,
    name: resource.name,
    state: resource.state,
    size: sizeOf(resource),
    desiredCount: countsOf(resource).desiredCount,
  };
}

const keep = (filter: ListFilter, resource: Resource) =>
  filter.types.includes(resource.type) &&
  (filter.provider === undefined || resource.provider === filter.provider) &&
  (filter.states === undefined || filter.states.includes(resource.state ?? ''));

/**
 * Lists compute resources live through every connection's inventory: each scope × type the
 * connection lists, a few scopes at a time. A scope that fails is reported and skipped; the
 * others still list.
 */
export async function listLive(
  connections: ReadonlyMap<string, ProviderConnection>,
  filter: ListFilter,
  onScopeError: (scope: Scope, error: unknown) => void,
): Promise<ComputeListing[]> {
  const jobs: {
    inventory: NonNullable<ProviderConnection['inventory']>;
    scope: Scope;
    type: string;
  }[] = [];
  for (const connection of connections.values()) {
    const inventory = connection.inventory;
    if (!inventory) continue;
    if (filter.provider !== undefined && connection.provider !== filter.provider) continue;
    const types = inventory.types.filter((t) => filter.types.includes(t));
    if (types.length === 0) continue;
    for (const scope of await connection.scopes())
      for (const type of types)
        if (!scope.types || scope.types.includes(type)) jobs.push({ inventory, scope, type });
  }
  const found: ComputeListing[] = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      try {
        for await (const resource of job.inventory.list(job.scope, job.type))
          if (keep(filter, resource)) found.push(toListing(resource));
      } catch (error) {
        onScopeError(job.scope, error);
      }
    }
  };
  await Promise.all(Array.from({ length: SCOPE_CONCURRENCY }, worker));
  return found.sort((a, b) => a.uri.localeCompare(b.uri));
}

/** The same listing from what the last sync stored. */
export async function listStored(store: Store, filter: ListFilter): Promise<ComputeListing[]> {
  const found: ComputeListing[] = [];
  const pageSize = 1000;
  for (let offset = 0; ; offset += pageSize) {
    const page = await store.resources.query({
      type: [...filter.types],
      ...(filter.provider ? { provider: [filter.provider] } : {}),
      ...(filter.states ? { state: [...filter.states] } : {}),
      sort: { field: 'id', dir: 'asc' },
      offset,
      limit: pageSize,
    });
    found.push(...page.items.map(toListing));
    if (page.items.length < pageSize) break;
  }
  return found.sort((a, b) => a.uri.localeCompare(b.uri));
}
