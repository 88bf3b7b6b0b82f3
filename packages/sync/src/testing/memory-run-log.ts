import type { Logger } from '@ccx/core';
import type { SyncError, SyncRunLog, SyncRunStatus } from '../types';

export interface LoggedRun {
  id: string;
  trigger: string;
  status: SyncRunStatus;
  summary: Record<string, unknown>;
  errors: SyncError[];
}

/** An in-memory SyncRunLog for tests. */
export class MemoryRunLog implements SyncRunLog {
  readonly runs = new Map<string, LoggedRun>();

  create(input: { id: string; trigger: string }): Promise<LoggedRun> {
    const run: LoggedRun = { ...input, status: 'running', summary: {}, errors: [] };
    this.runs.set(input.id, run);
    return Promise.resolve(run);
  }

  finish(
    id: string,
    result: {
      status: Exclude<SyncRunStatus, 'running'>;
      summary: Record<string, unknown>;
      errors: SyncError[];
    },
  ): Promise<LoggedRun> {
    const run = this.runs.get(id);
    if (!run) return Promise.reject(new Error(`no run ${id}`));
    Object.assign(run, result);
    return Promise.resolve(run);
  }
}

/** A logger that keeps entries so a test can assert on warnings instead of printing them. */
export function memoryLogger(): Logger & {
  entries: { level: string; obj: object; msg?: string }[];
} {
  const entries: { level: string; obj: object; msg?: string }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => {
    entries.push({ level, obj, msg });
  };
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
