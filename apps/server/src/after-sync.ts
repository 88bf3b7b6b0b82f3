import type { Logger } from '@ccx/core';
import type { SyncService } from '@ccx/sync';

/** A background pass the server runs after each sync. */
export interface AfterSyncTask {
  /** Runs a pass now (or right after the one in progress); resolves when it is done. */
  runNow(): Promise<void>;
  /** Stops listening, aborts the pass in progress and waits for it to end. */
  close(): Promise<void>;
}

/**
 * Runs `pass` after each sync run that completed (fully or partly) and on demand. Requests
 * during a pass coalesce into one more pass after it; a pass that throws is logged as
 * `<name> failed` and never reaches the server; `close` aborts the signal the pass receives.
 */
export function afterEachSync(
  name: string,
  deps: { sync: SyncService; logger: Logger },
  pass: (signal: AbortSignal) => Promise<void>,
): AfterSyncTask {
  const abort = new AbortController();
  let running: Promise<void> | null = null;
  let again = false;

  function runNow(): Promise<void> {
    if (abort.signal.aborted) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await pass(abort.signal).catch((error: unknown) => {
          deps.logger.error({ err: error }, `${name} failed`);
        });
      } while (again && !abort.signal.aborted);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  const unsubscribe = deps.sync.subscribe((event) => {
    if (event.type === 'run.completed' && event.summary.status !== 'failed') void runNow();
  });

  return {
    runNow,
    async close() {
      unsubscribe();
      abort.abort();
      await running;
    },
  };
}
