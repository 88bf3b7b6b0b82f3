import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../db/dialect';
import { sortableText } from './column-helpers';

/**
 * Cloud accounts the sync engine has seen, with the alias their connection configures
 * (`prod`, `staging`…), so every view can name an account without asking the provider. One row
 * per provider × account × connection: two connections may reach one account under different
 * aliases, and each keeps its own.
 */
export function cloudAccountsMigration(dialect: SqlDialect): Migration {
  const text = sortableText(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('accounts')
        .addColumn('provider', 'text', (c) => text(c).notNull())
        .addColumn('account', 'text', (c) => text(c).notNull())
        .addColumn('connection', 'text', (c) => text(c).notNull())
        .addColumn('alias', 'text', (c) => text(c))
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('accounts_pk', ['provider', 'account', 'connection'])
        .execute();
    },
  };
}
