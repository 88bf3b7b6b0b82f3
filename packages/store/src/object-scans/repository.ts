import { z } from 'zod';
import { chunkForParams, type DbContext } from '../db/dialect';
import { parseInput } from '../db/input';
import { parseJsonColumn } from '../db/json';
import type { ObjectScansTable } from '../db/schema';
import type { BucketScanRollup, ObjectScanRepository, StoredObjectScan } from './types';

const countsSchema = z.record(z.string(), z.number().int().min(0));
const sampleSchema = z.object({
  type: z.string().min(1),
  ruleId: z.string().min(1).nullable(),
  masked: z.string(),
  confidence: z.number().min(0).max(1),
  line: z.number().int().min(1).nullable(),
});
const samplesSchema = z.array(sampleSchema);

/** A bounded sample list keeps one object's row small whatever the file held. */
export const MAX_SAMPLES_PER_OBJECT = 50;

const scanSchema = z.object({
  connection: z.string().min(1),
  account: z.string().min(1),
  bucket: z.string().min(1),
  key: z.string().min(1),
  etag: z.string().nullable(),
  scannedAt: z.iso.datetime({ offset: true }),
  counts: countsSchema,
  maxConfidence: z.number().min(0).max(1),
  samples: samplesSchema.max(MAX_SAMPLES_PER_OBJECT),
});

const COLUMNS = 9;

function toScan(row: ObjectScansTable): StoredObjectScan {
  return {
    connection: row.connection,
    account: row.account,
    bucket: row.bucket,
    key: row.key,
    etag: row.etag,
    scannedAt: row.scanned_at,
    counts: parseJsonColumn(countsSchema, row.counts, 'object_scans.counts'),
    maxConfidence: Number(row.max_confidence),
    samples: parseJsonColumn(samplesSchema, row.samples, 'object_scans.samples'),
  };
}

/** Last write of a key wins inside one batch: PostgreSQL refuses to upsert a row twice. */
function lastPerKey(rows: ObjectScansTable[]): ObjectScansTable[] {
  const byKey = new Map<string, ObjectScansTable>();
  for (const row of rows)
    byKey.set(JSON.stringify([row.connection, row.account, row.bucket, row.key]), row);
  return [...byKey.values()];
}

export function createObjectScanRepository({ db }: DbContext): ObjectScanRepository {
  return {
    async upsertMany(rawScans) {
      const scans = parseInput(z.array(scanSchema), rawScans, 'object scans');
      const rows = lastPerKey(
        scans.map((scan) => ({
          connection: scan.connection,
          account: scan.account,
          bucket: scan.bucket,
          key: scan.key,
          etag: scan.etag,
          scanned_at: scan.scannedAt,
          counts: JSON.stringify(scan.counts),
          max_confidence: scan.maxConfidence,
          samples: JSON.stringify(scan.samples),
        })),
      );
      for (const chunk of chunkForParams(rows, COLUMNS)) {
        await db
          .insertInto('object_scans')
          .values(chunk)
          .onConflict((oc) =>
            oc.columns(['connection', 'account', 'bucket', 'key']).doUpdateSet((eb) => ({
              etag: eb.ref('excluded.etag'),
              scanned_at: eb.ref('excluded.scanned_at'),
              counts: eb.ref('excluded.counts'),
              max_confidence: eb.ref('excluded.max_confidence'),
              samples: eb.ref('excluded.samples'),
            })),
          )
          .execute();
      }
    },

    async get(key) {
      const row = await db
        .selectFrom('object_scans')
        .selectAll()
        .where('connection', '=', key.connection)
        .where('account', '=', key.account)
        .where('bucket', '=', key.bucket)
        .where('key', '=', key.key)
        .executeTakeFirst();
      return row ? toScan(row) : null;
    },

    async listForBucket(bucket, options = {}) {
      const base = db
        .selectFrom('object_scans')
        .selectAll()
        .where('connection', '=', bucket.connection)
        .where('account', '=', bucket.account)
        .where('bucket', '=', bucket.bucket);
      if (options.keys === undefined) {
        return (await base.orderBy('key').execute()).map(toScan);
      }
      const rows: ObjectScansTable[] = [];
      for (const chunk of chunkForParams(options.keys, 1)) {
        if (chunk.length > 0) rows.push(...(await base.where('key', 'in', chunk).execute()));
      }
      return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(toScan);
    },

    async deleteKeys(bucket, keys) {
      let removed = 0;
      for (const chunk of chunkForParams([...new Set(keys)], 1)) {
        if (chunk.length === 0) continue;
        const result = await db
          .deleteFrom('object_scans')
          .where('connection', '=', bucket.connection)
          .where('account', '=', bucket.account)
          .where('bucket', '=', bucket.bucket)
          .where('key', 'in', chunk)
          .executeTakeFirst();
        removed += Number(result.numDeletedRows);
      }
      return removed;
    },

    async rollups(filter = {}) {
      let query = db
        .selectFrom('object_scans')
        .select(['connection', 'account', 'bucket', 'counts', 'max_confidence', 'scanned_at'])
        .orderBy('connection')
        .orderBy('account')
        .orderBy('bucket');
      if (filter.connection !== undefined)
        query = query.where('connection', '=', filter.connection);
      const byBucket = new Map<string, BucketScanRollup>();
      for (const row of await query.execute()) {
        const id = JSON.stringify([row.connection, row.account, row.bucket]);
        let rollup = byBucket.get(id);
        if (!rollup) {
          rollup = {
            connection: row.connection,
            account: row.account,
            bucket: row.bucket,
            objectsScanned: 0,
            objectsWithFindings: 0,
            counts: {},
            maxConfidence: 0,
            lastScannedAt: row.scanned_at,
          };
          byBucket.set(id, rollup);
        }
        const counts = parseJsonColumn(countsSchema, row.counts, 'object_scans.counts');
        rollup.objectsScanned += 1;
        if (Object.values(counts).some((count) => count > 0)) rollup.objectsWithFindings += 1;
        for (const [type, count] of Object.entries(counts))
          rollup.counts[type] = (rollup.counts[type] ?? 0) + count;
        rollup.maxConfidence = Math.max(rollup.maxConfidence, Number(row.max_confidence));
        if (row.scanned_at > rollup.lastScannedAt) rollup.lastScannedAt = row.scanned_at;
      }
      return [...byBucket.values()];
    },
  };
}
