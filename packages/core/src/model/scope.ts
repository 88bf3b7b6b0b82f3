import type { ProviderId } from './resource';

/**
 * One unit of fan-out: a connection's account (project, subscription) in one region. Providers
 * return their scopes as data; the sync engine decides how to run them.
 */
export interface Scope {
  provider: ProviderId;
  /** Name of the configured connection this scope belongs to. */
  connection: string;
  account: string;
  region: string;
  /** Human label for progress output, e.g. the account alias. */
  label?: string;
  /**
   * The inventory types listed in this scope; all of the connection's when absent. A
   * connection whose scopes differ (Azure storage accounts vs subscription regions) says so.
   */
  types?: readonly string[];
}

export function scopeKey(scope: Pick<Scope, 'connection' | 'account' | 'region'>): string {
  return `${scope.connection}/${scope.account}/${scope.region}`;
}
