import { isCcxError, type Logger } from '@ccx/core';
import type { SyncService } from '@ccx/sync';

/**
 * Starts a sync every `minutes` (0 = never). A tick that finds a run still going is skipped on
 * purpose (the running one covers it); any other failure to start is logged as an error and
 * the next tick tries again, so one bad moment does not stop the schedule for good.
 */
export function scheduleSync(sync: SyncService, minutes: number, logger: Logger): () => void {
  if (minutes <= 0) return () => undefined;
  const timer = setInterval(() => {
    sync.start('schedule').then(
      ({ runId }) => logger.info({ runId }, 'scheduled sync started'),
      (error: unknown) => {
        if (isCcxError(error) && error.code === 'conflict') {
          logger.info({ reason: error.message }, 'scheduled sync skipped: a run is in progress');
        } else {
          logger.error({ err: error }, 'scheduled sync failed to start');
        }
      },
    );
  }, minutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
