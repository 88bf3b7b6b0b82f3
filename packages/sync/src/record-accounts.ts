import type { Logger } from '@ccx/core';
import { errorMessage } from './retryable';
import type { InventorySink, SeenAccount, SyncError } from './types';

/**
 * Hands the planned accounts to a sink that records them. Aliases are a convenience for views,
 * so a failure does not stop the listing; it becomes a run error (the run is at best partial)
 * rather than a silent gap.
 */
export async function recordAccounts(
  sink: InventorySink,
  accounts: readonly SeenAccount[],
  context: { runId: string; logger: Logger },
): Promise<SyncError[]> {
  if (!sink.recordAccounts || accounts.length === 0) return [];
  try {
    await sink.recordAccounts(accounts);
    return [];
  } catch (error) {
    context.logger.error({ err: error, runId: context.runId }, 'recording accounts failed');
    return [{ scope: '*', type: 'accounts', message: errorMessage(error) }];
  }
}
