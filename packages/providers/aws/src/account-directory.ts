import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { CcxError } from '@ccx/core';
import type { AwsAccount, ClientPool } from './client-pool';
import { fromAwsError } from './errors';

/**
 * Learns the 12-digit id of each configured account with STS GetCallerIdentity, once: the id
 * is what scopes and resource uids carry, and it never changes for a set of credentials. A
 * failed lookup is not cached, so a throttled or briefly unreachable STS is asked again next
 * time.
 */
export class AccountDirectory {
  private readonly ids = new Map<number, Promise<string>>();

  constructor(
    readonly accounts: readonly AwsAccount[],
    private readonly clients: ClientPool,
  ) {}

  accountId(account: AwsAccount): Promise<string> {
    let id = this.ids.get(account.key);
    if (!id) {
      id = this.lookup(account);
      this.ids.set(account.key, id);
      id.catch(() => this.ids.delete(account.key));
    }
    return id;
  }

  /** Every account with its id; rejects if any lookup fails. */
  all(): Promise<{ account: AwsAccount; id: string }[]> {
    return Promise.all(
      this.accounts.map(async (account) => ({ account, id: await this.accountId(account) })),
    );
  }

  /** The configured account with this id, or `not_found`. */
  async byId(id: string): Promise<AwsAccount> {
    for (const { account, id: known } of await this.all()) if (known === id) return account;
    throw new CcxError('not_found', `Account ${id} is not part of this connection`);
  }

  private async lookup(account: AwsAccount): Promise<string> {
    const label = account.alias ?? `account #${account.key + 1}`;
    try {
      const identity = await this.clients.sts(account).send(new GetCallerIdentityCommand({}));
      if (!identity.Account)
        throw new CcxError('provider_error', `STS returned no account id for ${label}`);
      return identity.Account;
    } catch (error) {
      throw fromAwsError(error, `Identifying ${label}`);
    }
  }
}
