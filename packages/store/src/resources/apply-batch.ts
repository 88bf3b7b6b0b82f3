import { invalidInput, resourceUid, type Resource } from '@ccx/core';
import { chunkForParams, type DbContext } from '../db/dialect';
import { parseInput } from '../db/input';
import { refreshStatistics, STATISTICS_REFRESH_ROWS } from '../db/refresh-statistics';
import type { ResourceChangesTable, ResourcesTable, ResourceTagsTable } from '../db/schema';
import { writeTransaction } from '../db/write-transaction';
import type { ChangeCounts, FieldChange, ResourceRepository } from '../types';
import { loadExisting, replaceTags, storedVersion, toRow, upsertRows } from './batch-rows';
import { diffResources } from './diff';
import { applyBatchInputSchema } from './schemas';

type ApplyBatchInput = Parameters<ResourceRepository['applyBatch']>[0];

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

  const result = await writeTransaction(ctx, async (trx) => {
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
  if (result.created >= STATISTICS_REFRESH_ROWS) await refreshStatistics(ctx);
  return result;
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

/**
 * What will be stored, as it will read back: a JSON round trip drops `undefined` and turns
 * dates into strings. The input was validated already, so the shapes still hold.
 */
function normalise(resource: Resource): Resource {
  return {
    ...resource,
    tags: JSON.parse(JSON.stringify(resource.tags)) as Resource['tags'],
    attributes: JSON.parse(JSON.stringify(resource.attributes)) as Resource['attributes'],
  };
}
