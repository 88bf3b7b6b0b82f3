import { isCcxError, type ActionInput } from '@ccx/core';
import type { Context } from 'hono';
import type { ApiEnv } from '../env';
import type { Operation } from './operations';
import { startAction, type ActionDeps } from './start-action';

export interface BulkResult {
  operations: Operation[];
  rejected: { uid: string; code: string; message: string }[];
}

/**
 * One action on many resources, each validated on its own: those that pass start (the
 * registry runs at most eight per connection at a time, the rest queue), the others are
 * listed with the reason, exactly as a single request would have been refused.
 */
export async function startBulk(
  deps: ActionDeps,
  c: Context<ApiEnv>,
  uids: readonly string[],
  input: ActionInput,
): Promise<BulkResult> {
  const result: BulkResult = { operations: [], rejected: [] };
  for (const uid of uids) {
    try {
      result.operations.push(await startAction(deps, c, uid, input));
    } catch (error) {
      if (!isCcxError(error)) {
        // A store failure, not a verdict on this uid: logged with the request, named generically.
        deps.logger.error({ err: error, target: uid }, 'bulk action could not start');
        result.rejected.push({ uid, code: 'internal', message: 'Internal error' });
        continue;
      }
      result.rejected.push({ uid, code: error.code, message: error.message });
    }
  }
  return result;
}
