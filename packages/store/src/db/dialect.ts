import type { Kysely } from 'kysely';
import type { Database } from './schema';

export type SqlDialect = 'sqlite' | 'postgres';

/** What every repository is built from: the query builder and the dialect it speaks. */
export interface DbContext {
  db: Kysely<Database>;
  dialect: SqlDialect;
}

/**
 * Bound parameters per statement. SQLite allows 32,766 and PostgreSQL 65,535; a lower common
 * budget keeps multi-row inserts well inside both and statements a reasonable size.
 */
export const PARAMETER_BUDGET = 10_000;

/** Splits `items` into chunks that fit the parameter budget at `paramsPerItem` each. */
export function chunkForParams<T>(items: readonly T[], paramsPerItem: number): T[][] {
  const size = Math.max(1, Math.floor(PARAMETER_BUDGET / paramsPerItem));
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    chunks.push(items.slice(start, start + size));
  return chunks;
}
