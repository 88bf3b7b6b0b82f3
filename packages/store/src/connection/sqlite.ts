import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteDialect } from 'kysely';

/** How long a writer waits for another process's lock before SQLite reports SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens an SQLite database file (creating its folder) or `:memory:`. WAL lets readers run
 * while a sync writes; foreign keys are off by default in SQLite and the schema relies on them.
 */
export function createSqliteDialect(path: string): SqliteDialect {
  const inMemory = path === ':memory:';
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  const database = new Database(path);
  if (!inMemory) database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // WAL makes NORMAL durable against application crashes; only power loss may lose the last commits.
  if (!inMemory) database.pragma('synchronous = NORMAL');
  return new SqliteDialect({ database });
}
