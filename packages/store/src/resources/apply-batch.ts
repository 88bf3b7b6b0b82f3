import { invalidInput, resourceUid, type Resource } from '@ccx/core';
import { chunkForParams, type DbContext } from '../db/dialect';
import { parseInput } from '../db/input';
import { refreshStatistics, STATISTICS_REFRESH_ROWS } from '../db/refresh-statistics';
import type { ResourceChangesTable, ResourcesTable, ResourceTagsTable } from '../db/schema';
import { lockScope } from '../db/scope-lock';
import { writeTransaction } from '../db/write-transaction';
import type { ChangeCounts, FieldChange, ResourceRepository } from '../types';
import {
  loadExisting,
  replaceTags,
  stampUnchanged,
  storedVersion,
  toRow,
  upsertRows,
} from './batch-rows';
import { diffResources } from './diff';
import { sameAsStored, storedShape, toIncoming, type IncomingResource } from './incoming';
import { applyBatchInputSchema } from './schemas';

type ApplyBatchInput = Parameters<ResourceRepository['applyBatch']>[0];

/**
 * Writes one batch of a listing in one transaction: one query (per 5,000 uids) loads what the
 * store already holds; rows whose stored columns are byte-for-byte what was listed are only
 * stamped (last seen, run, connection), without parsing or diffing; new and changed rows go in
 * as multi-row upserts, and their tag rows are rewritten only where the tags changed.
 * `first_seen_at` is never overwritten.
 *
 * A row whose stored JSON differs but whose diff is empty (key order, or a key that was null
 * and is now absent, which the diff treats alike) is rewritten so it reads back as listed, but
 * counts as unchanged and records no history: nothing a reader could compare changed.
 */
export async function applyBatch(ctx: DbContext, rawInput: ApplyBatchInput): Promise<ChangeCounts> {
  const input = parseInput(applyBatchInputSchema, rawInput, 'inventory batch');
  const at = input.at ?? new Date().toISOString();
  const stamp = { connection: input.scope.connection, runId: input.runId, at };
  const incoming = new Map<string, IncomingResource>();
  for (const resource of input.resources) {
    checkInScope(resource, input);
    incoming.set(resource.uid, toIncoming(resource));
  }
  const counts: ChangeCounts = { created: 0, updated: 0, unchanged: 0, deleted: 0 };
  if (incoming.size === 0) return counts;

  const result = await writeTransaction(ctx, async (trx) => {
    await lockScope(trx, ctx.dialect, { ...input.scope, type: input.type });
    const existing = await loadExisting(trx, [...incoming.keys()]);
    const upserts: ResourcesTable[] = [];
    const unchanged = { sameConnection: [] as string[], otherConnection: [] as string[] };
    const changes: Omit<ResourceChangesTable, 'id'>[] = [];
    const staleTags: string[] = [];
    const tags: ResourceTagsTable[] = [];
    for (const item of incoming.values()) {
      const { uid } = item.resource;
      const row = existing.get(uid);
      const live = row !== undefined && row.deleted_at === null;
      if (live && sameAsStored(row, item)) {
        const owner = row.connection === stamp.connection ? 'sameConnection' : 'otherConnection';
        unchanged[owner].push(uid);
        counts.unchanged++;
        continue;
      }
      const diff: FieldChange[] = live ? diffResources(storedVersion(row), storedShape(item)) : [];
      const recorded = !live || diff.length > 0;
      if (!live) counts.created++;
      else if (recorded) counts.updated++;
      else counts.unchanged++;
      upserts.push(toRow(item, stamp, row?.first_seen_at ?? at, recorded ? at : row.updated_at));
      if (row === undefined || row.tags !== item.tagsJson) {
        if (row !== undefined) staleTags.push(uid);
        for (const [key, value] of Object.entries(item.resource.tags))
          tags.push({ uid, key, value });
      }
      if (recorded) {
        const kind = live ? 'updated' : 'created';
        changes.push({ uid, sync_run_id: input.runId, at, kind, diff: JSON.stringify(diff) });
      }
    }
    await upsertRows(trx, upserts);
    await replaceTags(trx, staleTags, tags);
    for (const chunk of chunkForParams(changes, 5))
      await trx.insertInto('resource_changes').values(chunk).execute();
    await stampUnchanged(trx, unchanged, stamp);
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
