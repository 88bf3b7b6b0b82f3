import { invalidInput, resourceUid, type Resource } from '@ccx/core';
import type { Kysely } from 'kysely';
import { chunkForParams, type DbContext } from '../db/dialect';
import { parseInput } from '../db/input';
import { parseJsonColumn } from '../db/json';
import type {
  Database,
  ResourceChangesTable,
  ResourcesTable,
  ResourceTagsTable,
} from '../db/schema';
import { writeTransaction } from '../db/write-transaction';
import type { ChangeCounts, FieldChange, ResourceRepository } from '../types';
import { diffResources } from './diff';
import { attributesSchema, tagsSchema } from './rows';
import { applyBatchInputSchema } from './schemas';

type ApplyBatchInput = Parameters<ResourceRepository['applyBatch']>[0];

const RESOURCE_COLUMNS = 17;
/** SQLite allows at most 32,766 bound parameters per statement; uids are one each. */
const UID_CHUNK = 5_000;

/**
 * Writes one batch of a listing in one transaction: one query (per 5,000 uids) loads what the
 * store already holds, new and changed rows go in as multi-row upserts, unchanged rows only get
 * their `last_seen_at` and run stamp. `first_seen_at` is never overwritten.
 */
export async function applyBatch(ctx: DbContext, rawInput: ApplyBatchInput): Promise<ChangeCounts> {
  const input = parseInput(applyBatchInputSchema, rawInput, 'inventory batch');
  const at = input.at ?? new Date().toISOString();
  const incoming = new Map<string, Resource>();
  for (const resource of input.resources) {
    checkInScope(resource, input);
    incoming.set(resource.uid, normalise(resource));
  }
  const counts: ChangeCounts = { created: 0, updated: 0, unchanged: 0, deleted: 0 };
  if (incoming.size === 0) return counts;

  return writeTransaction(ctx, async (trx) => {
    const existing = await loadExisting(trx, [...incoming.keys()]);
    const upserts: ResourcesTable[] = [];
    const unchanged: string[] = [];
    const changes: Omit<ResourceChangesTable, 'id'>[] = [];
    const tags: ResourceTagsTable[] = [];
    for (const resource of incoming.values()) {
      const row = existing.get(resource.uid);
      let diff: FieldChange[] = [];
      if (row && row.deleted_at === null) {
        diff = diffResources(storedVersion(row), resource);
        if (diff.length === 0) {
          unchanged.push(resource.uid);
          counts.unchanged++;
          continue;
        }
        counts.updated++;
      } else {
        counts.created++;
      }
      upserts.push(
        toRow(resource, input.scope.connection, input.runId, at, row?.first_seen_at ?? at),
      );
      for (const [key, value] of Object.entries(resource.tags))
        tags.push({ uid: resource.uid, key, value });
      const kind = row && row.deleted_at === null ? 'updated' : 'created';
      changes.push({
        uid: resource.uid,
        sync_run_id: input.runId,
        at,
        kind,
        diff: JSON.stringify(diff),
      });
    }
    await upsertRows(trx, upserts);
    await replaceTags(
      trx,
      upserts.map((row) => row.uid),
      tags,
    );
    for (const chunk of chunkForParams(changes, 5))
      await trx.insertInto('resource_changes').values(chunk).execute();
    for (const chunk of chunkForParams(unchanged, 1)) {
      await trx
        .updateTable('resources')
        .set({ last_seen_at: at, last_run_id: input.runId })
        .where('uid', 'in', chunk)
        .execute();
    }
    return counts;
  });
}

/** A batch belongs to exactly one scope and type; a stray row would escape the deletion sweep. */
function checkInScope(
  resource: Resource,
  input: { scope: { provider: string; account: string; region: string }; type: string },
): void {
  const { scope } = input;
  if (
    resource.provider !== scope.provider ||
    resource.account !== scope.account ||
    resource.region !== scope.region ||
    resource.type !== input.type
  ) {
    throw invalidInput('Resource is outside the scope and type of its batch', {
      uid: resource.uid,
    });
  }
  if (resource.uid !== resourceUid(resource)) {
    throw invalidInput('Resource uid does not match its coordinates', { uid: resource.uid });
  }
}

/** What will be stored, as it will read back: a JSON round trip drops `undefined` and the like. */
function normalise(resource: Resource): Resource {
  return {
    ...resource,
    tags: tagsSchema.parse(JSON.parse(JSON.stringify(resource.tags))),
    attributes: attributesSchema.parse(JSON.parse(JSON.stringify(resource.attributes))),
  };
}

async function loadExisting(
  trx: Kysely<Database>,
  uids: string[],
): Promise<Map<string, ResourcesTable>> {
  const rows = new Map<string, ResourcesTable>();
  for (let start = 0; start < uids.length; start += UID_CHUNK) {
    const found = await trx
      .selectFrom('resources')
      .selectAll()
      .where('uid', 'in', uids.slice(start, start + UID_CHUNK))
      .execute();
    for (const row of found) rows.set(row.uid, row);
  }
  return rows;
}

function storedVersion(
  row: ResourcesTable,
): Pick<Resource, 'name' | 'state' | 'tags' | 'createdAt' | 'attributes'> {
  return {
    name: row.name,
    state: row.state,
    createdAt: row.created_at,
    tags: parseJsonColumn(tagsSchema, row.tags, 'resources.tags'),
    attributes: parseJsonColumn(attributesSchema, row.attributes, 'resources.attributes'),
  };
}

function toRow(
  resource: Resource,
  connection: string,
  runId: string,
  at: string,
  firstSeenAt: string,
): ResourcesTable {
  return {
    uid: resource.uid,
    connection,
    provider: resource.provider,
    account: resource.account,
    region: resource.region,
    type: resource.type,
    id: resource.id,
    name: resource.name,
    state: resource.state,
    tags: JSON.stringify(resource.tags),
    created_at: resource.createdAt,
    attributes: JSON.stringify(resource.attributes),
    first_seen_at: firstSeenAt,
    last_seen_at: at,
    updated_at: at,
    deleted_at: null,
    last_run_id: runId,
  };
}

async function upsertRows(trx: Kysely<Database>, rows: ResourcesTable[]): Promise<void> {
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

/** The tag rows mirror `resources.tags` of the rows just written. */
async function replaceTags(
  trx: Kysely<Database>,
  uids: string[],
  tags: ResourceTagsTable[],
): Promise<void> {
  for (const chunk of chunkForParams(uids, 1))
    await trx.deleteFrom('resource_tags').where('uid', 'in', chunk).execute();
  for (const chunk of chunkForParams(tags, 3))
    await trx.insertInto('resource_tags').values(chunk).execute();
}
