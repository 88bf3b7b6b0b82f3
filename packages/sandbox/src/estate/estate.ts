import type { SandboxAccount } from './account';
import type { InstanceRecord } from './instance';

/**
 * The sandbox's mutable world: accounts, their instances per region, and an index by id.
 * Instance order within a region is fixed at seeding and is the order DescribeInstances pages
 * in, so a NextToken (an offset) stays meaningful between calls.
 */
export class Estate {
  private readonly byScope = new Map<string, InstanceRecord[]>();
  private readonly byId = new Map<string, InstanceRecord>();

  constructor(
    readonly accounts: readonly SandboxAccount[],
    /** Regions that hold seeded instances. */
    readonly regions: readonly string[],
    instances: readonly InstanceRecord[],
  ) {
    for (const instance of instances) {
      const key = scopeKey(instance.accountId, instance.region);
      const list = this.byScope.get(key);
      if (list) list.push(instance);
      else this.byScope.set(key, [instance]);
      this.byId.set(instance.id, instance);
    }
  }

  account(id: string): SandboxAccount | undefined {
    return this.accounts.find((account) => account.id === id);
  }

  /** Instances of one account in one region, in paging order. */
  instances(accountId: string, region: string): readonly InstanceRecord[] {
    return this.byScope.get(scopeKey(accountId, region)) ?? [];
  }

  /** An instance visible to `accountId` in `region`; ids of other scopes do not exist there. */
  find(accountId: string, region: string, instanceId: string): InstanceRecord | undefined {
    const instance = this.byId.get(instanceId);
    return instance && instance.accountId === accountId && instance.region === region
      ? instance
      : undefined;
  }

  get size(): number {
    return this.byId.size;
  }
}

function scopeKey(accountId: string, region: string): string {
  return `${accountId}/${region}`;
}
