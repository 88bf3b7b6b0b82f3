import { PostgresDialect } from 'kysely';
import pg from 'pg';

/** A pooled PostgreSQL connection; query parameters of the URL (ssl, options…) reach `pg`. */
export function createPostgresDialect(url: string): PostgresDialect {
  return new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10 }) });
}
