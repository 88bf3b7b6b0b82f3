import { notFound } from '@ccx/core';
import { z } from 'zod';
import type { DbContext } from '../db/dialect';
import { parseInput } from '../db/input';
import { parseJsonColumn } from '../db/json';
import type { SyncRunsTable } from '../db/schema';
import type { SyncRun, SyncRunRepository } from '../types';
import { withConflict } from '../db/unique-violation';

const statusSchema = z.enum(['running', 'succeeded', 'partial', 'failed']);
const summarySchema = z.record(z.string(), z.unknown());
const errorsSchema = z.array(
  z.object({ scope: z.string(), type: z.string(), message: z.string() }),
);

const createSchema = z.object({
  id: z.string().min(1),
  trigger: z.string().min(1),
  startedAt: z.string().optional(),
});

const finishSchema = z.object({
  status: statusSchema,
  summary: summarySchema,
  errors: errorsSchema,
  finishedAt: z.string().optional(),
});

function toRun(row: SyncRunsTable): SyncRun {
  return {
    id: row.id,
    trigger: row.trigger,
    status: statusSchema.parse(row.status),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    summary: parseJsonColumn(summarySchema, row.summary, 'sync_runs.summary'),
    errors: parseJsonColumn(errorsSchema, row.errors, 'sync_runs.errors'),
  };
}

export function createSyncRunRepository({ db }: DbContext): SyncRunRepository {
  const get = async (id: string): Promise<SyncRun | null> => {
    const row = await db
      .selectFrom('sync_runs')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRun(row) : null;
  };
  return {
    async create(rawInput) {
      const input = parseInput(createSchema, rawInput, 'sync run');
      const row: SyncRunsTable = {
        id: input.id,
        trigger: input.trigger,
        status: 'running',
        started_at: input.startedAt ?? new Date().toISOString(),
        finished_at: null,
        summary: '{}',
        errors: '[]',
      };
      await withConflict(`Sync run ${input.id} already exists`, () =>
        db.insertInto('sync_runs').values(row).execute(),
      );
      return toRun(row);
    },
    async finish(id, rawResult) {
      const result = parseInput(finishSchema, rawResult, 'sync run result');
      await db
        .updateTable('sync_runs')
        .set({
          status: result.status,
          summary: JSON.stringify(result.summary),
          errors: JSON.stringify(result.errors),
          finished_at: result.finishedAt ?? new Date().toISOString(),
        })
        .where('id', '=', id)
        .execute();
      const run = await get(id);
      if (!run) throw notFound(`Sync run ${id}`);
      return run;
    },
    get,
    async list(limit) {
      const rows = await db
        .selectFrom('sync_runs')
        .selectAll()
        .orderBy('started_at', 'desc')
        .orderBy('id', 'desc')
        .limit(Math.max(0, Math.floor(limit)))
        .execute();
      return rows.map(toRun);
    },
  };
}
