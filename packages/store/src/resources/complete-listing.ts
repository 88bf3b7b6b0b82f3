import { chunkForParams, type DbContext } from '../db/dialect';
import { parseInput } from '../db/input';
import { lockScope } from '../db/scope-lock';
import { writeTransaction } from '../db/write-transaction';
import type { ResourceRepository } from '../types';
import { completeListingInputSchema } from './schemas';

type CompleteListingInput = Parameters<ResourceRepository['completeListing']>[0];

/**
 * Marks as deleted every live row of exactly this scope (connection, provider, account,
 * region) and type that the run did not stamp, and records a `deleted` change for each.
 * Rows of other scopes or types are never touched, whatever this listing saw.
 */
export async function completeListing(
  ctx: DbContext,
  rawInput: CompleteListingInput,
): Promise<{ deleted: number }> {
  const input = parseInput(completeListingInputSchema, rawInput, 'listing completion');
  const at = input.at ?? new Date().toISOString();
  const { scope } = input;
  return writeTransaction(ctx, async (trx) => {
    await lockScope(trx, ctx.dialect, { ...scope, type: input.type });
    // One statement that re-checks the whole condition on every row it marks, so a row a
    // concurrent batch has just stamped with this run can never be swept by it.
    const gone = await trx
      .updateTable('resources')
      .set({ deleted_at: at, updated_at: at })
      .where('connection', '=', scope.connection)
      .where('provider', '=', scope.provider)
      .where('account', '=', scope.account)
      .where('region', '=', scope.region)
      .where('type', '=', input.type)
      .where('deleted_at', 'is', null)
      .where((eb) => eb.or([eb('last_run_id', 'is', null), eb('last_run_id', '<>', input.runId)]))
      .returning('uid')
      .execute();
    const uids = gone.map((row) => row.uid).sort();
    const changes = uids.map((uid) => ({
      uid,
      sync_run_id: input.runId,
      at,
      kind: 'deleted',
      diff: '[]',
    }));
    for (const chunk of chunkForParams(changes, 5))
      await trx.insertInto('resource_changes').values(chunk).execute();
    return { deleted: uids.length };
  });
}
