import { createCloudAccountRepository } from '../cloud-accounts/repository';
import type { DbContext } from '../db/dialect';
import type { ResourceRepository } from '../types';
import { applyBatch } from './apply-batch';
import { completeListing } from './complete-listing';
import { queryResources, resourceFacets } from './query';
import { refreshLive } from './refresh-live';
import { resourceSortKeys } from './sort-keys';
import { toResourceChange, toStoredResource } from './rows';

export function createResourceRepository(ctx: DbContext): ResourceRepository {
  const { db } = ctx;
  const accounts = createCloudAccountRepository(ctx);
  return {
    recordAccounts: (input) => accounts.upsertMany(input),
    applyBatch: (input) => applyBatch(ctx, input),
    completeListing: (input) => completeListing(ctx, input),
    query: (query) => queryResources(ctx, query),
    facets: (filter) => resourceFacets(ctx, filter),
    sortKeys: (filter, options) => resourceSortKeys(ctx, filter, options),
    refreshLive: (uid, input) => refreshLive(ctx, uid, input),

    async get(uid) {
      const row = await db
        .selectFrom('resources')
        .selectAll()
        .where('uid', '=', uid)
        .executeTakeFirst();
      return row ? toStoredResource(row) : null;
    },

    /** Newest first; `id` is the insertion order, which `at` alone cannot guarantee. */
    async history(uid, options = {}) {
      let rows = db
        .selectFrom('resource_changes')
        .selectAll()
        .where('uid', '=', uid)
        .orderBy('id', 'desc');
      if (options.limit !== undefined) rows = rows.limit(Math.max(0, Math.floor(options.limit)));
      return (await rows.execute()).map(toResourceChange);
    },

    async counts() {
      const rows = await db
        .selectFrom('resources')
        .select((eb) => ['provider', eb.fn.countAll<number | string>().as('count')])
        .where('deleted_at', 'is', null)
        .groupBy('provider')
        .execute();
      const byProvider: Record<string, number> = {};
      let total = 0;
      for (const row of rows) {
        byProvider[row.provider] = Number(row.count);
        total += Number(row.count);
      }
      return { total, byProvider };
    },
  };
}
