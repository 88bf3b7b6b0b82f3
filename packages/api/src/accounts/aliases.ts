import type { CloudAccount } from '@ccx/store';

/** Looks up the aliases the sync engine recorded; built from one `accounts.list()` per request. */
export interface AccountAliases {
  /** The alias the resource's own connection gives its account, or null when it has none. */
  forResource(ref: { provider: string; account: string; connection: string }): string | null;
  /**
   * The aliases of an account across connections, for views without a connection (facets):
   * distinct and sorted, joined by `, `; null when no connection names it.
   */
  forAccount(account: string): string | null;
}

export function accountAliases(accounts: readonly CloudAccount[]): AccountAliases {
  const exact = new Map<string, string>();
  const byAccount = new Map<string, Set<string>>();
  for (const row of accounts) {
    if (row.alias === null) continue;
    exact.set(JSON.stringify([row.provider, row.account, row.connection]), row.alias);
    const names = byAccount.get(row.account) ?? new Set<string>();
    names.add(row.alias);
    byAccount.set(row.account, names);
  }
  return {
    forResource: (ref) =>
      exact.get(JSON.stringify([ref.provider, ref.account, ref.connection])) ?? null,
    forAccount(account) {
      const names = byAccount.get(account);
      return names ? [...names].sort().join(', ') : null;
    },
  };
}
