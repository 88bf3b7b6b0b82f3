/**
 * How an account reads in plain text: `prod (111122223333)` when its connection configures an
 * alias, the bare id otherwise. The id always stays visible, since aliases are per connection
 * and two connections may name one account differently.
 */
export function accountLabel(account: string, alias: string | null | undefined): string {
  return alias ? `${alias} (${account})` : account;
}
