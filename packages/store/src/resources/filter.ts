import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { SqlDialect } from '../db/dialect';
import type { Database } from '../db/schema';
import type { FacetField, ResourceFilter } from '../types';

type Eb = ExpressionBuilder<Database, 'resources'>;

const LIST_FIELDS = [
  'provider',
  'account',
  'region',
  'type',
  'state',
] as const satisfies FacetField[];

/**
 * The WHERE clause of a resource filter. `omit` leaves out one field's own condition, which is
 * what a facet needs: the counts of `region` under every other filter, so picking one region
 * still shows the others to switch to.
 *
 * `q` matches case-insensitively as a substring of id, name or any tag value. `lower()` folds
 * ASCII in SQLite and all of Unicode in PostgreSQL; ids and names are overwhelmingly ASCII.
 */
export function filterExpression(
  eb: Eb,
  filter: ResourceFilter,
  dialect: SqlDialect,
  omit?: FacetField,
): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  if (!filter.includeDeleted) conditions.push(eb('resources.deleted_at', 'is', null));
  for (const field of LIST_FIELDS) {
    const values = filter[field];
    if (field !== omit && values && values.length > 0)
      conditions.push(eb(`resources.${field}`, 'in', values));
  }
  // An empty list of uids asks for no row, as an empty `anyOf` does.
  if (filter.uid)
    conditions.push(filter.uid.length > 0 ? eb('resources.uid', 'in', filter.uid) : sql`1 = 0`);
  for (const tag of filter.tags ?? []) {
    let tagRows = eb
      .selectFrom('resource_tags')
      .select(sql.lit(1).as('one'))
      .whereRef('resource_tags.uid', '=', 'resources.uid')
      .where('resource_tags.key', '=', tag.key);
    if (tag.value !== undefined) tagRows = tagRows.where('resource_tags.value', '=', tag.value);
    conditions.push(eb.exists(tagRows));
  }
  for (const [key, value] of Object.entries(filter.attributes ?? {}))
    conditions.push(attributeEquals(dialect, key, value));
  if (filter.anyOf) conditions.push(anyOfExpression(eb, filter.anyOf, dialect));
  const q = filter.q?.trim();
  if (q) {
    const pattern = `%${escapeLike(q.toLowerCase())}%`;
    conditions.push(
      eb.or([
        likeLower(eb.ref('resources.id'), pattern),
        likeLower(eb.ref('resources.name'), pattern),
        eb.exists(
          eb
            .selectFrom('resource_tags')
            .select(sql.lit(1).as('one'))
            .whereRef('resource_tags.uid', '=', 'resources.uid')
            .where((inner) => likeLower(inner.ref('resource_tags.value'), pattern)),
        ),
      ]),
    );
  }
  return eb.and(conditions);
}

/**
 * A top-level attribute that is a JSON string equal to `value`; a number or boolean never
 * matches, on either database. `key` is an identifier (checked by the filter's schema).
 * SQLite's `json_extract` yields an object or array as its JSON text, so the type is checked
 * first (text is a JSON string); PostgreSQL compares jsonb.
 */
function attributeEquals(dialect: SqlDialect, key: string, value: string): Expression<SqlBool> {
  return dialect === 'postgres'
    ? sql<SqlBool>`(resources.attributes::jsonb -> ${key}::text) = to_jsonb(${value}::text)`
    : sql<SqlBool>`(json_type(resources.attributes, ${`$.${key}`}) = 'text' and json_extract(resources.attributes, ${`$.${key}`}) = ${value})`;
}

/**
 * `lower(id) in (…) or <attribute is a string whose lower() is in (…)> or …`. Both sides are
 * folded by the database's own `lower()`, so a value compares the same way as the column.
 * No value at all is `false`: asking for the neighbours of nothing finds none.
 */
function anyOfExpression(
  eb: Eb,
  anyOf: NonNullable<ResourceFilter['anyOf']>,
  dialect: SqlDialect,
): Expression<SqlBool> {
  const folded = (values: string[]) => sql.join(values.map((value) => sql`lower(${value})`));
  const alternatives: Expression<SqlBool>[] = [];
  if (anyOf.id && anyOf.id.length > 0)
    alternatives.push(sql<SqlBool>`lower(resources.id) in (${folded(anyOf.id)})`);
  for (const [key, values] of Object.entries(anyOf.attributes ?? {})) {
    if (values.length === 0) continue;
    alternatives.push(
      dialect === 'postgres'
        ? sql<SqlBool>`(jsonb_typeof(resources.attributes::jsonb -> ${key}::text) = 'string' and lower(resources.attributes::jsonb ->> ${key}::text) in (${folded(values)}))`
        : sql<SqlBool>`(json_type(resources.attributes, ${`$.${key}`}) = 'text' and lower(json_extract(resources.attributes, ${`$.${key}`})) in (${folded(values)}))`,
    );
  }
  return alternatives.length === 0 ? sql<SqlBool>`1 = 0` : eb.or(alternatives);
}

const LIKE_ESCAPE = '!';

/** Makes `%`, `_` and the escape character literal inside a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (char) => `${LIKE_ESCAPE}${char}`);
}

function likeLower(column: Expression<string | null>, pattern: string): Expression<SqlBool> {
  return sql<SqlBool>`lower(${column}) like ${pattern} escape ${sql.lit(LIKE_ESCAPE)}`;
}
