import { providerIdSchema } from '@ccx/core';
import { z } from 'zod';
import { chunkForParams, type DbContext } from '../db/dialect';
import { parseInput } from '../db/input';
import type { AccountsTable } from '../db/schema';
import type { CloudAccount, CloudAccountRepository } from '../types';

const inputSchema = z.array(
  z.object({
    provider: providerIdSchema,
    account: z.string().min(1),
    connection: z.string().min(1),
    alias: z.string().min(1).nullable(),
    seenAt: z.string().optional(),
  }),
);

const COLUMNS = 5;

function toAccount(row: AccountsTable): CloudAccount {
  return {
    provider: providerIdSchema.parse(row.provider),
    account: row.account,
    connection: row.connection,
    alias: row.alias,
    lastSeenAt: row.last_seen_at,
  };
}

/**
 * One row per key and statement: PostgreSQL refuses an upsert that touches a row twice, and a
 * run sees each account once per region. The latest sighting of a key wins.
 */
function latestPerKey(rows: AccountsTable[]): AccountsTable[] {
  const byKey = new Map<string, AccountsTable>();
  for (const row of rows) {
    const key = JSON.stringify([row.provider, row.account, row.connection]);
    const seen = byKey.get(key);
    if (!seen || row.last_seen_at >= seen.last_seen_at) byKey.set(key, row);
  }
  return [...byKey.values()];
}

export function createCloudAccountRepository({ db }: DbContext): CloudAccountRepository {
  return {
    async upsertMany(rawAccounts) {
      const accounts = parseInput(inputSchema, rawAccounts, 'accounts');
      const now = new Date().toISOString();
      const rows = latestPerKey(
        accounts.map((input) => ({
          provider: input.provider,
          account: input.account,
          connection: input.connection,
          alias: input.alias,
          last_seen_at: input.seenAt ?? now,
        })),
      );
      for (const chunk of chunkForParams(rows, COLUMNS)) {
        await db
          .insertInto('accounts')
          .values(chunk)
          .onConflict((oc) =>
            oc
              .columns(['provider', 'account', 'connection'])
              .doUpdateSet((eb) => ({
                alias: eb.ref('excluded.alias'),
                last_seen_at: eb.ref('excluded.last_seen_at'),
              }))
              // An older sighting arriving late never overwrites a newer one.
              .whereRef('excluded.last_seen_at', '>=', 'accounts.last_seen_at'),
          )
          .execute();
      }
    },
    async list() {
      const rows = await db
        .selectFrom('accounts')
        .selectAll()
        .orderBy('provider')
        .orderBy('account')
        .orderBy('connection')
        .execute();
      return rows.map(toAccount);
    },
  };
}
