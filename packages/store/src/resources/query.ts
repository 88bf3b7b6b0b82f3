import type { DbContext } from '../db/dialect';
import { parseInput } from '../db/input';
import type {
  FacetField,
  ResourceFilter,
  ResourceQuery,
  ResourceSortField,
  StoredResource,
} from '../types';
import { filterExpression } from './filter';
import { toStoredResource } from './rows';
import { resourceFilterSchema, resourceQuerySchema } from './schemas';

const SORT_COLUMNS = {
  name: 'name',
  id: 'id',
  type: 'type',
  provider: 'provider',
  account: 'account',
  region: 'region',
  state: 'state',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} as const satisfies Record<ResourceSortField, string>;

const FACET_FIELDS = [
  'provider',
  'account',
  'region',
  'type',
  'state',
] as const satisfies FacetField[];

/**
 * One page of resources and the total under the filter. Nulls sort last in both directions
 * (the same on SQLite and PostgreSQL), and `uid` breaks ties so pages never overlap or skip.
 */
export async function queryResources(
  { db, dialect }: DbContext,
  rawQuery: ResourceQuery,
): Promise<{ items: StoredResource[]; total: number }> {
  const query = parseInput(resourceQuerySchema, rawQuery, 'resource query');
  const countRow = await db
    .selectFrom('resources')
    .select((eb) => eb.fn.countAll<number | string>().as('total'))
    .where((eb) => filterExpression(eb, query, dialect))
    .executeTakeFirstOrThrow();
  let page = db
    .selectFrom('resources')
    .selectAll()
    .where((eb) => filterExpression(eb, query, dialect));
  if (query.sort) {
    const { field, dir } = query.sort;
    page = page.orderBy(`resources.${SORT_COLUMNS[field]}`, (ob) =>
      (dir === 'asc' ? ob.asc() : ob.desc()).nullsLast(),
    );
  }
  const rows = await page
    .orderBy('resources.uid', 'asc')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return { items: rows.map(toStoredResource), total: Number(countRow.total) };
}

/**
 * Counts per value of each facet field. Each facet applies every filter except its own, so a
 * chosen value does not hide its siblings. Null values (a resource without a state) are left out.
 */
export async function resourceFacets(
  { db, dialect }: DbContext,
  rawFilter: ResourceFilter,
): Promise<Record<FacetField, { value: string; count: number }[]>> {
  const filter = parseInput(resourceFilterSchema, rawFilter, 'resource filter');
  const entries = await Promise.all(
    FACET_FIELDS.map(async (field) => {
      const column = `resources.${field}` as const;
      const rows = await db
        .selectFrom('resources')
        .select((eb) => [eb.ref(column).as('value'), eb.fn.countAll<number | string>().as('count')])
        .where((eb) =>
          eb.and([filterExpression(eb, filter, dialect, field), eb(column, 'is not', null)]),
        )
        .groupBy(column)
        .execute();
      const counts = rows
        .filter((row): row is { value: string; count: number | string } => row.value !== null)
        .map((row) => ({ value: row.value, count: Number(row.count) }))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
      return [field, counts] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<FacetField, { value: string; count: number }[]>;
}
