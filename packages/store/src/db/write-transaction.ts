import { sql, type Kysely } from 'kysely';
import type { DbContext } from './dialect';
import type { Database } from './schema';

/**
 * Runs `work` in one write transaction.
 *
 * SQLite: `BEGIN IMMEDIATE` takes the write lock up front. A deferred transaction that reads
 * first and writes later cannot wait for another process's lock (SQLite refuses with
 * SQLITE_BUSY to avoid a deadlock), whereas an immediate one waits up to `busy_timeout`.
 * `work` must use the handle it is given: the SQLite driver has one connection, and touching
 * the outer handle inside would wait for itself.
 */
export async function writeTransaction<T>(
  { db, dialect }: DbContext,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (dialect === 'postgres') return db.transaction().execute(work);
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    let result: T;
    try {
      result = await work(conn);
    } catch (error) {
      try {
        await sql`rollback`.execute(conn);
      } catch (rollbackError) {
        throw new AggregateError(
          [error, rollbackError],
          'Transaction failed and could not be rolled back',
        );
      }
      throw error;
    }
    await sql`commit`.execute(conn);
    return result;
  });
}
