import type { Scope } from '@ccx/core';
import type { SeenAccount } from './types';

/**
 * The account a scope belongs to and its alias. A scope's label is only an alias when it differs
 * from the account id: providers fall back to the id when no alias is configured, and showing
 * `123456789012 (123456789012)` would claim a name the account does not have.
 */
export function seenAccount(scope: Scope): SeenAccount {
  const label = scope.label?.trim();
  return {
    provider: scope.provider,
    account: scope.account,
    connection: scope.connection,
    alias: label && label !== scope.account ? label : null,
  };
}
