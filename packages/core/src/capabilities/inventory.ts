import type { Resource } from '../model/resource';
import type { Scope } from '../model/scope';

/** Lists resources of one type in one scope, driven by the SDK's own paginators. */
export interface Inventory {
  /** The resource types this inventory can list, e.g. `['ec2.instance']`. */
  readonly types: readonly string[];
  list(scope: Scope, type: string, options?: { signal?: AbortSignal }): AsyncIterable<Resource>;
}
