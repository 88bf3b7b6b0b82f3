import {
  makeResource,
  type Metrics,
  type ProviderConnection,
  type ProviderId,
  type Resource,
  type Scope,
} from '@ccx/core';

/** Counts how many listings are running at once, in total and per key. */
export class FlightRecorder {
  private readonly now = new Map<string, number>();
  private readonly peak = new Map<string, number>();

  enter(keys: string[]): void {
    for (const key of keys) {
      const value = (this.now.get(key) ?? 0) + 1;
      this.now.set(key, value);
      this.peak.set(key, Math.max(this.peak.get(key) ?? 0, value));
    }
  }

  leave(keys: string[]): void {
    for (const key of keys) this.now.set(key, (this.now.get(key) ?? 1) - 1);
  }

  max(key: string): number {
    return this.peak.get(key) ?? 0;
  }

  maxWhere(prefix: string): number {
    return Math.max(
      0,
      ...[...this.peak].filter(([key]) => key.startsWith(prefix)).map(([, value]) => value),
    );
  }
}

export interface FakeScope {
  account: string;
  region: string;
  /** The scope's label, as a provider sets it from a configured account alias. */
  label?: string;
  /** How many resources each type lists in this scope; mutable between runs. */
  count: number;
  /** The types this scope holds (`Scope.types`); all of the inventory's when absent. */
  types?: string[];
}

export interface PageContext {
  scope: Scope;
  type: string;
  page: number;
  /** 1 for the first listing of this scope × type, 2 for the next… */
  call: number;
}

export interface FakeInventoryOptions {
  name: string;
  provider?: ProviderId;
  types?: string[];
  scopes: FakeScope[];
  pageSize?: number;
  pageDelayMs?: number;
  recorder?: FlightRecorder;
  /** Called before each page is produced; throwing here fails the listing at that page. */
  beforePage?: (context: PageContext) => void;
  /** The state of the resource at `index`; default `running`. */
  stateOf?: (index: number) => string;
  /** A metrics capability for the connection (see `fakeMetrics`). */
  metrics?: Metrics;
}

/** A fake inventory provider for engine tests: deterministic resources, pages with delays. */
export function fakeConnection(
  options: FakeInventoryOptions,
): ProviderConnection & { listCalls: Map<string, number> } {
  const provider = options.provider ?? 'aws';
  const types = options.types ?? ['ec2.instance'];
  const pageSize = options.pageSize ?? 100;
  const listCalls = new Map<string, number>();

  async function* list(scope: Scope, type: string): AsyncIterable<Resource> {
    const spec = options.scopes.find(
      (s) => s.account === scope.account && s.region === scope.region,
    );
    if (!spec) throw new Error(`unknown scope ${scope.account}/${scope.region}`);
    const callKey = `${scope.account}/${scope.region}/${type}`;
    const call = (listCalls.get(callKey) ?? 0) + 1;
    listCalls.set(callKey, call);
    const keys = [
      'total',
      `provider:${provider}`,
      `api:${provider}:${type.split('.')[0]}:${scope.account}:${scope.region}`,
    ];
    options.recorder?.enter(keys);
    try {
      for (let page = 0; page * pageSize < spec.count; page += 1) {
        await new Promise((resolve) => setTimeout(resolve, options.pageDelayMs ?? 0));
        options.beforePage?.({ scope, type, page, call });
        const end = Math.min(spec.count, (page + 1) * pageSize);
        for (let i = page * pageSize; i < end; i += 1) {
          yield makeResource({
            provider,
            account: scope.account,
            region: scope.region,
            type,
            id: `r-${String(i).padStart(5, '0')}`,
            name: `resource ${i}`,
            state: options.stateOf?.(i) ?? 'running',
            tags: { index: String(i) },
            createdAt: null,
            attributes: {},
          });
        }
      }
    } finally {
      options.recorder?.leave(keys);
    }
  }

  return {
    provider,
    name: options.name,
    listCalls,
    scopes: () =>
      Promise.resolve(
        options.scopes.map((s) => ({
          provider,
          connection: options.name,
          account: s.account,
          region: s.region,
          ...(s.label === undefined ? {} : { label: s.label }),
          ...(s.types === undefined ? {} : { types: s.types }),
        })),
      ),
    inventory: { types, list },
    ...(options.metrics ? { metrics: options.metrics } : {}),
    close: () => Promise.resolve(),
  };
}
