import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder } from 'kysely';
import type { SqlDialect } from '../db/dialect';

/**
 * Small dialect-aware pieces so that one migration serves SQLite and PostgreSQL.
 *
 * Text columns that are sorted or compared use `COLLATE "C"` on PostgreSQL: byte order, as
 * SQLite compares, so a page sorted by name is the same on both back ends whatever locale the
 * database was created with.
 */
export function sortableText(dialect: SqlDialect) {
  return (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    dialect === 'postgres' ? col.modifyFront(sql`collate "C"`) : col;
}

/** An auto-incrementing integer primary key. */
export function addAutoIdColumn<T extends string>(
  table: CreateTableBuilder<T, never>,
  name: string,
  dialect: SqlDialect,
): CreateTableBuilder<T, never> {
  return dialect === 'postgres'
    ? table.addColumn(name, 'bigint', (col) => col.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn(name, 'integer', (col) => col.primaryKey().autoIncrement());
}
