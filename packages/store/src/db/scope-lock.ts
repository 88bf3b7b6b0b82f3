import { sql, type Kysely } from 'kysely';
import type { SqlDialect } from './dialect';
import type { Database } from './schema';

/**
 * Serialises writers of one inventory scope × type for the rest of the caller's transaction.
 *
 * Two connections may reach the same account and region, and their jobs then write the same
 * uids at the same time. On PostgreSQL each transaction would read the rows before the other
 * committed: both record the resource as `created`, diff against a stale version, or deadlock
 * on rows locked in different orders; and a deletion sweep could mark a row deleted that a
 * concurrent batch had just seen. A transaction-scoped advisory lock on the scope's key (without
 * the connection, since the uid has none) makes them take turns; it is released at commit or
 * rollback. SQLite needs nothing: `BEGIN IMMEDIATE` already admits one writer at a time.
 */
export async function lockScope(
  trx: Kysely<Database>,
  dialect: SqlDialect,
  key: { provider: string; account: string; region: string; type: string },
): Promise<void> {
  if (dialect !== 'postgres') return;
  const name = `ccx:inventory:${key.provider}/${key.account}/${key.region}/${key.type}`;
  await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
}
