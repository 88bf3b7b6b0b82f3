import { CcxError } from '@ccx/core';
import { Migrator, type Kysely } from 'kysely';
import type { SqlDialect } from '../db/dialect';
import type { Database } from '../db/schema';
import { migrationProvider } from './provider';

/** Attempts when another SQLite process holds the database while we migrate. */
const SQLITE_BUSY_ATTEMPTS = 20;
const SQLITE_BUSY_DELAY_MS = 50;

/**
 * Brings the schema to the latest migration; a no-op when it is already there.
 *
 * PostgreSQL: Kysely's migrator takes a row lock in its lock table, so concurrent processes
 * run the migrations once and the others wait, then find nothing pending.
 * SQLite: the migrator's lock is the single connection of this process; another process that
 * migrates at the same moment makes ours fail with SQLITE_BUSY, and running again then finds
 * the work done, so a busy failure is retried a bounded number of times.
 */
export async function migrateToLatest(db: Kysely<Database>, dialect: SqlDialect): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (error === undefined) return;
    if (dialect === 'sqlite' && isSqliteBusy(error) && attempt < SQLITE_BUSY_ATTEMPTS) {
      await new Promise((resolve) => setTimeout(resolve, SQLITE_BUSY_DELAY_MS * attempt));
      continue;
    }
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
}

function isSqliteBusy(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = error.code;
  return (
    typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
  );
}
