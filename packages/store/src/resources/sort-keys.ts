import { sql, type RawBuilder } from 'kysely';
import type { DbContext, SqlDialect } from '../db/dialect';
import { parseInput } from '../db/input';
import type { ResourceFilter, ResourceSortKey } from '../types';
import { filterExpression } from './filter';
import { resourceFilterSchema, sortKeyOptionsSchema } from './schemas';

/**
 * One narrow row per resource under the filter, for sorts the database cannot do itself (a size
 * measured against a catalog, a saving held in findings). The attribute JSON never leaves the
 * database: only the one value per row is extracted, so tens of thousands of rows stay small.
 */
export async function resourceSortKeys(
  { db, dialect }: DbContext,
  rawFilter: ResourceFilter,
  rawOptions: { attributeByType?: Record<string, string> } = {},
): Promise<ResourceSortKey[]> {
  const filter = parseInput(resourceFilterSchema, rawFilter, 'resource filter');
  const options = parseInput(sortKeyOptionsSchema, rawOptions, 'sort key options');
  const byType = Object.entries(options.attributeByType ?? {});
  const value =
    byType.length === 0
      ? sql<string | null>`null`
      : sql<string | null>`case ${sql.join(
          byType.map(
            ([type, key]) =>
              sql`when resources.type = ${type} then ${stringAttribute(dialect, key)}`,
          ),
          sql` `,
        )} end`;
  const rows = await db
    .selectFrom('resources')
    .select(['resources.uid', 'resources.name', 'resources.provider', 'resources.type'])
    .select(value.as('value'))
    .where((eb) => filterExpression(eb, filter, dialect))
    .orderBy('resources.name', (ob) => ob.asc().nullsLast())
    .orderBy('resources.uid', 'asc')
    .execute();
  // Providers, types and sizes repeat across thousands of rows: one string each, not one a row.
  const shared = new Map<string, string>();
  const once = (text: string): string => {
    const known = shared.get(text);
    if (known !== undefined) return known;
    shared.set(text, text);
    return text;
  };
  return rows.map((row) => ({
    uid: row.uid,
    name: row.name,
    provider: once(row.provider),
    type: once(row.type),
    value: row.value === null || row.value === '' ? null : once(row.value),
  }));
}

/**
 * A top-level attribute when it is a JSON string, else null (numbers, objects and arrays are
 * not sizes). `key` is an identifier, checked by the options' schema; both it and the path are
 * bound parameters.
 *
 * PostgreSQL casts the text column to jsonb once a row and reads the value once: a strict
 * JSON path with a string filter is the "string only" rule in one call (strict, so an array is
 * not unwrapped into its elements; silent, so a missing key is no match rather than an error),
 * and `#>> '{}'` turns the matched JSON string into text. Casting once for the type test and
 * again for the value cost about half as much time again over 50,000 rows.
 */
function stringAttribute(dialect: SqlDialect, key: string): RawBuilder<string | null> {
  return dialect === 'postgres'
    ? sql<
        string | null
      >`jsonb_path_query_first(resources.attributes::jsonb, ${`strict $."${key}" ? (@.type() == "string")`}::jsonpath, '{}'::jsonb, true) #>> '{}'`
    : sql<
        string | null
      >`case when json_type(resources.attributes, ${`$.${key}`}) = 'text' then json_extract(resources.attributes, ${`$.${key}`}) end`;
}
