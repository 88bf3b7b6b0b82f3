import { z } from 'zod';
import type { DbContext } from '../db/dialect';
import { parseInput } from '../db/input';
import { writeTransaction } from '../db/write-transaction';
import type { FieldChange, ResourceRepository, StoredResource } from '../types';
import { storedVersion } from './batch-rows';
import { diffResources } from './diff';
import { toStoredResource } from './rows';

type RefreshLiveInput = Parameters<ResourceRepository['refreshLive']>[1];

const refreshLiveInputSchema = z
  .object({
    state: z.string().max(64).nullable().optional(),
    attributes: z.record(z.string(), z.unknown()).optional(),
    at: z.string().optional(),
  })
  .strict();

/**
 * Writes what an action just read from the provider (`describe`) onto one stored resource, so
 * the inventory shows the new state and size before the next sync. A change is recorded in the
 * history like a sync's, without a run id. The row's run stamp and last-seen time are left
 * alone: a sync running meanwhile still owns the sweep, and this is not a listing.
 * `attributes` is a patch: the keys given replace the stored ones, the others stay.
 */
export async function refreshLive(
  ctx: DbContext,
  uid: string,
  rawInput: RefreshLiveInput,
): Promise<StoredResource | null> {
  const input = parseInput(refreshLiveInputSchema, rawInput, 'live refresh');
  const at = input.at ?? new Date().toISOString();
  return writeTransaction(ctx, async (trx) => {
    const row = await trx
      .selectFrom('resources')
      .selectAll()
      .where('uid', '=', uid)
      .executeTakeFirst();
    if (!row || row.deleted_at !== null) return null;
    const before = storedVersion(row);
    const after = {
      ...before,
      state: input.state === undefined ? before.state : input.state,
      attributes: JSON.parse(
        JSON.stringify({ ...before.attributes, ...input.attributes }),
      ) as Record<string, unknown>,
    };
    const diff: FieldChange[] = diffResources(before, after);
    if (diff.length === 0) return toStoredResource(row);
    const updated = {
      ...row,
      state: after.state,
      attributes: JSON.stringify(after.attributes),
      updated_at: at,
    };
    await trx
      .updateTable('resources')
      .set({ state: updated.state, attributes: updated.attributes, updated_at: at })
      .where('uid', '=', uid)
      .execute();
    await trx
      .insertInto('resource_changes')
      .values({ uid, sync_run_id: null, at, kind: 'updated', diff: JSON.stringify(diff) })
      .execute();
    return toStoredResource(updated);
  });
}
