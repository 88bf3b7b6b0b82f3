import type { Resource } from '@ccx/core';
import type { Kysely } from 'kysely';
import { chunkForParams } from '../db/dialect';
import { parseJsonColumn } from '../db/json';
import type { Database, ResourcesTable, ResourceTagsTable } from '../db/schema';
import type { IncomingResource } from './incoming';
import { attributesSchema, tagsSchema } from './rows';

/** Columns of one `resources` row, for sizing multi-row inserts. */
const RESOURCE_COLUMNS = 17;
/** SQLite allows at most 32,766 bound parameters per statement; uids are one each. */
const UID_CHUNK = 5_000;

/**
 * The stored columns a batch compares, diffs and carries over; the coordinates (fixed for a
 * uid) and the last-seen stamp are left in the database.
 */
const EXISTING_COLUMNS = [
  'uid',
  'connection',
  'name',
  'state',
  'tags',
  'created_at',
  'attributes',
  'first_seen_at',
  'updated_at',
  'deleted_at',
] as const;

export type ExistingRow = Pick<ResourcesTable, (typeof EXISTING_COLUMNS)[number]>;

/** The reads and writes of one inventory batch, all inside the caller's transaction. */
export async function loadExisting(
  trx: Kysely<Database>,
  uids: string[],
): Promise<Map<string, ExistingRow>> {
  const rows = new Map<string, ExistingRow>();
  for (let start = 0; start < uids.length; start += UID_CHUNK) {
    const found = await trx
      .selectFrom('resources')
      .select(EXISTING_COLUMNS)
      .where('uid', 'in', uids.slice(start, start + UID_CHUNK))
      .execute();
    for (const row of found) rows.set(row.uid, row);
  }
  return rows;
}

export function storedVersion(
  row: ExistingRow,
): Pick<Resource, 'name' | 'state' | 'tags' | 'createdAt' | 'attributes'> {
  return {
    name: row.name,
    state: row.state,
    createdAt: row.created_at,
    tags: parseJsonColumn(tagsSchema, row.tags, 'resources.tags'),
    attributes: parseJsonColumn(attributesSchema, row.attributes, 'resources.attributes'),
  };
}

/** The row to upsert. `updatedAt` moves only when history records a change. */
export function toRow(
  incoming: IncomingResource,
  stamp: { connection: string; runId: string; at: string },
  firstSeenAt: string,
  updatedAt: string,
): ResourcesTable {
  const { resource } = incoming;
  return {
    uid: resource.uid,
    connection: stamp.connection,
    provider: resource.provider,
    account: resource.account,
    region: resource.region,
    type: resource.type,
    id: resource.id,
    name: resource.name,
    state: resource.state,
    tags: incoming.tagsJson,
    created_at: resource.createdAt,
    attributes: incoming.attributesJson,
    first_seen_at: firstSeenAt,
    last_seen_at: stamp.at,
    updated_at: updatedAt,
    deleted_at: null,
    last_run_id: stamp.runId,
  };
}

/**
 * Stamps rows seen unchanged: last seen now, by this run, through this connection. Taking over
 * the connection matters when two connections reach one account: the row belongs to whichever
 * listed it last, so it is swept by a connection that still lists it, never orphaned by one
 * that no longer does.
 *
 * `sameConnection` rows already belong to the stamping connection, so only the two unindexed
 * stamp columns are set: an UPDATE that names `connection` rewrites the scope index entry of
 * every row it touches even when the value stays, and these are nearly all the rows of a
 * scheduled sync. `otherConnection` rows are taken over.
 */
export async function stampUnchanged(
  trx: Kysely<Database>,
  rows: { sameConnection: string[]; otherConnection: string[] },
  stamp: { connection: string; runId: string; at: string },
): Promise<void> {
  for (const chunk of chunkForParams(rows.sameConnection, 1)) {
    await trx
      .updateTable('resources')
      .set({ last_seen_at: stamp.at, last_run_id: stamp.runId })
      .where('uid', 'in', chunk)
      .execute();
  }
  for (const chunk of chunkForParams(rows.otherConnection, 1)) {
    await trx
      .updateTable('resources')
      .set({ last_seen_at: stamp.at, last_run_id: stamp.runId, connection: stamp.connection })
      .where('uid', 'in', chunk)
      .execute();
  }
}

export async function upsertRows(trx: Kysely<Database>, rows: ResourcesTable[]): Promise<void> {
  for (const chunk of chunkForParams(rows, RESOURCE_COLUMNS)) {
    await trx
      .insertInto('resources')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('uid').doUpdateSet((eb) => ({
          connection: eb.ref('excluded.connection'),
          name: eb.ref('excluded.name'),
          state: eb.ref('excluded.state'),
          tags: eb.ref('excluded.tags'),
          created_at: eb.ref('excluded.created_at'),
          attributes: eb.ref('excluded.attributes'),
          last_seen_at: eb.ref('excluded.last_seen_at'),
          updated_at: eb.ref('excluded.updated_at'),
          deleted_at: eb.ref('excluded.deleted_at'),
          last_run_id: eb.ref('excluded.last_run_id'),
        })),
      )
      .execute();
  }
}

/**
 * Keeps the tag rows mirroring `resources.tags`: `staleUids` are rows that already had tag rows
 * and whose tags changed; `tags` are the new tag rows of those and of rows never stored before.
 */
export async function replaceTags(
  trx: Kysely<Database>,
  staleUids: string[],
  tags: ResourceTagsTable[],
): Promise<void> {
  for (const chunk of chunkForParams(staleUids, 1))
    await trx.deleteFrom('resource_tags').where('uid', 'in', chunk).execute();
  for (const chunk of chunkForParams(tags, 3))
    await trx.insertInto('resource_tags').values(chunk).execute();
}
