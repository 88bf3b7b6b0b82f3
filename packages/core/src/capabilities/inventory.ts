import type { Resource } from '../model/resource';
import type { Scope } from '../model/scope';

/** What a caller may tell an inventory about one listing. */
export interface ListOptions {
  signal?: AbortSignal;
  /**
   * The sync run the listing belongs to: every job of one run passes the same value. Within a
   * run and within one process, a provider may reuse what it read for one type of a scope when
   * listing another type of the same scope (ECS clusters for services and tasks, say) instead
   * of reading it again; jobs of the run that other worker processes take read it themselves.
   * Without it, every listing reads everything itself.
   */
  run?: string;
}

/** Lists resources of one type in one scope, driven by the SDK's own paginators. */
export interface Inventory {
  /** The resource types this inventory can list, e.g. `['ec2.instance']`. */
  readonly types: readonly string[];
  list(scope: Scope, type: string, options?: ListOptions): AsyncIterable<Resource>;
}
