import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteDialect } from 'kysely';

/** How long a writer waits for another process's lock before SQLite reports SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Page cache of the connection, in KiB (a negative `cache_size` is KiB, not pages). SQLite's
 * default is 2 MiB, which a sync of ten thousand instances outgrows in its first batch: every
 * lookup of stored rows and every index update then reads its pages back from the file. With
 * 32 MiB a first inventory sync of that size spends about a seventh less CPU in the store; 64
 * MiB saved nothing more and only added resident memory. It is a ceiling, filled as pages are
 * read.
 */
const CACHE_KIB = 32 * 1024;

/**
 * WAL pages after which a commit checkpoints them into the database file (SQLite's default is
 * 1,000, 4 MiB). A sync commits one transaction per batch and each rewrites the same index and
 * interior pages (and metric merges rewrite large series rows), so with small checkpoints the
 * same pages are copied and synced to disk over and over, inside COMMIT. 16,384 pages (64 MiB)
 * checkpoints a few times per large sync instead of after nearly every batch.
 */
const WAL_AUTOCHECKPOINT_PAGES = 16_384;

/** What a checkpoint truncates the WAL file back to, so a large sync's WAL does not stay on disk. */
const JOURNAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

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
  database.pragma(`cache_size = -${CACHE_KIB}`);
  // Sorts and the temporary tables of large IN lists stay in memory instead of temp files.
  database.pragma('temp_store = MEMORY');
  if (!inMemory) {
    // In WAL mode NORMAL syncs at checkpoints, not at each commit: a committed transaction is
    // in the WAL file before COMMIT returns, so it survives a crash of this process; only a
    // power loss or OS crash may lose the last commits, and never corrupts the database.
    database.pragma('synchronous = NORMAL');
    database.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    database.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
  }
  return new SqliteDialect({ database });
}
