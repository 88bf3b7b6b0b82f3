import { describe, expect, it } from 'vitest';
import { useStore } from '../testing/use-store';
import type { Store } from '../types';

const at = (minute: number): string => new Date(Date.UTC(2026, 10, 25, 12, minute)).toISOString();

/** Cloud accounts and their aliases, as sync runs record them. */
export function describeCloudAccountsContract(open: () => Promise<Store>): void {
  describe('cloud accounts', () => {
    const store = useStore(open);

    it('upserts accounts per provider, account and connection and lists them in order', async () => {
      const { accounts } = store();
      expect(await accounts.list()).toEqual([]);
      await accounts.upsertMany([
        { provider: 'aws', account: '222222222222', connection: 'org', alias: null, seenAt: at(1) },
        {
          provider: 'aws',
          account: '111111111111',
          connection: 'org',
          alias: 'prod',
          seenAt: at(1),
        },
        // Another connection reaching the same account keeps its own alias.
        {
          provider: 'aws',
          account: '111111111111',
          connection: 'audit',
          alias: 'p',
          seenAt: at(1),
        },
      ]);
      expect(await accounts.list()).toEqual([
        {
          provider: 'aws',
          account: '111111111111',
          connection: 'audit',
          alias: 'p',
          lastSeenAt: at(1),
        },
        {
          provider: 'aws',
          account: '111111111111',
          connection: 'org',
          alias: 'prod',
          lastSeenAt: at(1),
        },
        {
          provider: 'aws',
          account: '222222222222',
          connection: 'org',
          alias: null,
          lastSeenAt: at(1),
        },
      ]);
    });

    it('keeps the latest sighting: a newer alias (or none) replaces it, an older one does not', async () => {
      const { accounts } = store();
      const key = { provider: 'aws', account: '111111111111', connection: 'org' } as const;
      await accounts.upsertMany([{ ...key, alias: 'prod', seenAt: at(5) }]);
      await accounts.upsertMany([{ ...key, alias: 'stale', seenAt: at(1) }]);
      expect(await accounts.list()).toEqual([{ ...key, alias: 'prod', lastSeenAt: at(5) }]);
      await accounts.upsertMany([{ ...key, alias: null, seenAt: at(9) }]);
      expect(await accounts.list()).toEqual([{ ...key, alias: null, lastSeenAt: at(9) }]);
    });

    it('takes one batch with repeated keys, as a run sees an account once per region', async () => {
      const { accounts, resources } = store();
      const key = { provider: 'aws', account: '111111111111', connection: 'org' } as const;
      // The resource repository records through the same table: it is the sync engine's sink.
      await resources.recordAccounts([
        { ...key, alias: 'old', seenAt: at(1) },
        { ...key, alias: 'prod', seenAt: at(2) },
        { ...key, alias: 'prod', seenAt: at(2) },
      ]);
      expect(await accounts.list()).toEqual([{ ...key, alias: 'prod', lastSeenAt: at(2) }]);
      await accounts.upsertMany([]);
      expect(await accounts.list()).toHaveLength(1);
    });

    it('rejects an unknown provider or an empty account as invalid input', async () => {
      const { accounts } = store();
      await expect(
        accounts.upsertMany([
          { provider: 'aws', account: '', connection: 'org', alias: null, seenAt: at(1) },
        ]),
      ).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(
        accounts.upsertMany([
          // @ts-expect-error: not a provider
          { provider: 'ibm', account: '1', connection: 'org', alias: null, seenAt: at(1) },
        ]),
      ).rejects.toMatchObject({ code: 'invalid_input' });
      expect(await accounts.list()).toEqual([]);
    });
  });
}
