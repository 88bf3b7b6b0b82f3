import { PostgresDialect } from 'kysely';
import pg from 'pg';

/**
 * A pooled PostgreSQL connection; query parameters of the URL (`sslmode`, `options` such as
 * `-c search_path=…`) reach `pg`.
 *
 * An idle pooled client can fail on its own (the server restarted, the network dropped). The
 * pool already discards it and the next query gets a fresh one, but `pg` throws the error at
 * the process unless someone listens; it is reported as a process warning instead, so it stays
 * visible without taking down a server whose next query will succeed.
 */
export function createPostgresDialect(url: string): PostgresDialect {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', (error) => {
    process.emitWarning(`Idle PostgreSQL connection failed: ${error.message}`, {
      code: 'CCX_STORE_PG_IDLE',
    });
  });
  return new PostgresDialect({ pool });
}
