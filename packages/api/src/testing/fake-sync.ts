import { conflict } from '@ccx/core';
import type { SyncEvent, SyncService, SyncSummary } from '@ccx/sync';

/**
 * A SyncService whose runs are driven by the test: `start` marks a run as current and emits
 * `run.started`; `emit` pushes any event; `finish` ends the run. It exists so API tests can
 * assert relaying and conflict handling without a provider estate.
 */
export function fakeSync() {
  const listeners = new Set<(event: SyncEvent) => void>();
  let current: string | null = null;
  let counter = 0;
  const emit = (event: SyncEvent): void => {
    for (const listener of listeners) listener(event);
  };
  const service: SyncService = {
    start(trigger) {
      if (current) return Promise.reject(conflict('A sync is already running', { runId: current }));
      counter += 1;
      current = `run-${counter}`;
      emit({
        type: 'run.started',
        runId: current,
        at: new Date(0).toISOString(),
        trigger,
        jobs: 0,
      });
      return Promise.resolve({ runId: current });
    },
    run() {
      return Promise.reject(new Error('fakeSync.run is not used by the API'));
    },
    current: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => Promise.resolve(),
  };
  return {
    service,
    emit,
    listenerCount: () => listeners.size,
    finish(summary: Omit<SyncSummary, 'runId'>): void {
      if (!current) return;
      const runId = current;
      current = null;
      emit({
        type: 'run.completed',
        runId,
        at: new Date(0).toISOString(),
        summary: { ...summary, runId },
      });
    },
  };
}

export type FakeSync = ReturnType<typeof fakeSync>;
