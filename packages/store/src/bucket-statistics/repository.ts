import { z } from 'zod';
import { chunkForParams, type DbContext } from '../db/dialect';
import { parseInput } from '../db/input';
import { parseJsonColumn } from '../db/json';
import type { BucketStatisticsTable } from '../db/schema';
import type { BucketStatisticsRepository, StoredBucketStatistics } from './types';

/**
 * Bounds keep one bucket's row small: providers know a handful of classes and the histogram
 * a handful of bands, so anything larger is a caller's mistake, not a bucket.
 */
export const MAX_CLASSES_PER_BUCKET = 64;
const MAX_AGE_BANDS = 16;

const count = z.number().int().min(0);
const instant = z.string().min(1).max(64).nullable();

const classSchema = z.object({
  storageClass: z.string().min(1).max(128).nullable(),
  objects: count,
  bytes: count,
  ages: z
    .array(z.object({ band: z.string().min(1).max(32), objects: count, bytes: count }))
    .max(MAX_AGE_BANDS),
  oldest: instant,
  newest: instant,
});

/** The JSON column: everything but the key and the instant, which are columns of their own. */
const documentSchema = z.object({
  objects: count,
  bytes: count,
  classes: z.array(classSchema).max(MAX_CLASSES_PER_BUCKET),
  oldest: instant,
  newest: instant,
});

const inputSchema = documentSchema.extend({
  resourceUid: z.string().min(1).max(1024),
  // Normalised to UTC with milliseconds, so the newer-wins comparison can compare text.
  measuredAt: z.iso.datetime({ offset: true }).transform((at) => new Date(at).toISOString()),
});

function toStatistics(row: BucketStatisticsTable): StoredBucketStatistics {
  const document = parseJsonColumn(documentSchema, row.statistics, 'bucket_statistics.statistics');
  return { resourceUid: row.resource_uid, measuredAt: row.measured_at, ...document };
}

export function createBucketStatisticsRepository({ db }: DbContext): BucketStatisticsRepository {
  return {
    async upsert(raw) {
      const { resourceUid, measuredAt, ...document } = parseInput(
        inputSchema,
        raw,
        'bucket statistics',
      );
      await db
        .insertInto('bucket_statistics')
        .values({
          resource_uid: resourceUid,
          measured_at: measuredAt,
          statistics: JSON.stringify(document),
        })
        .onConflict((oc) =>
          oc
            .column('resource_uid')
            .doUpdateSet((eb) => ({
              measured_at: eb.ref('excluded.measured_at'),
              statistics: eb.ref('excluded.statistics'),
            }))
            .where('bucket_statistics.measured_at', '<=', (eb) => eb.ref('excluded.measured_at')),
        )
        .execute();
    },

    async get(resourceUid) {
      const row = await db
        .selectFrom('bucket_statistics')
        .selectAll()
        .where('resource_uid', '=', resourceUid)
        .executeTakeFirst();
      return row ? toStatistics(row) : null;
    },

    async list(filter = {}) {
      const base = db.selectFrom('bucket_statistics').selectAll();
      if (filter.resourceUids === undefined) {
        return (await base.orderBy('resource_uid').execute()).map(toStatistics);
      }
      const rows: BucketStatisticsTable[] = [];
      for (const chunk of chunkForParams(filter.resourceUids, 1)) {
        if (chunk.length > 0)
          rows.push(...(await base.where('resource_uid', 'in', chunk).execute()));
      }
      const byUid = new Map(rows.map((row) => [row.resource_uid, row]));
      return [...byUid.values()]
        .sort((a, b) =>
          a.resource_uid < b.resource_uid ? -1 : a.resource_uid > b.resource_uid ? 1 : 0,
        )
        .map(toStatistics);
    },
  };
}
