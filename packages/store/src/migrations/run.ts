import { CcxError } from '@ccx/core';
import { Migrator, sql, type Kysely } from 'kysely';
import type { SqlDialect } from '../db/dialect';
import type { Database } from '../db/schema';
import { writeTransaction } from '../db/write-transaction';
import { migrationProvider } from './provider';

/**
 * Brings the schema to the latest migration; a no-op when it is already there.
 *
 * PostgreSQL: Kysely's migrator runs the migrations in a transaction holding a row lock in its
 * lock table, so concurrent processes apply them once and the others then find nothing pending.
 * SQLite: Kysely takes no lock and no transaction there (its only lock is this process's single
 * connection), so the whole run happens inside one `BEGIN IMMEDIATE` transaction: another
 * process waits for it (busy_timeout), and a failed migration leaves no half-made schema.
 */
export async function migrateToLatest(db: Kysely<Database>, dialect: SqlDialect): Promise<void> {
  if (dialect === 'postgres') return runMigrator(db, dialect);
  return writeTransaction({ db, dialect }, (conn) => runMigrator(conn, dialect));
}

async function runMigrator(db: Kysely<Database>, dialect: SqlDialect): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider(dialect),
    migrationTableSchema: dialect === 'postgres' ? await currentSchema(db) : undefined,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error === undefined) return;
  const failed = results?.find((result) => result.status === 'Error')?.migrationName;
  throw new CcxError(
    'internal',
    failed ? `Store migration ${failed} failed` : 'Store migration failed',
    {
      cause: error,
      details: failed ? { migration: failed } : {},
    },
  );
}

/**
 * Kysely looks for its migration tables in every schema unless told which one, so a database
 * holding several ccx schemas would see another schema's tables. Name the one in use: the
 * first existing schema on the search path, where the migrations create the tables.
 */
async function currentSchema(db: Kysely<Database>): Promise<string | undefined> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(
    db,
  );
  return rows[0]?.schema ?? undefined;
}
