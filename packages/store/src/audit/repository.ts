import { randomUUID } from 'node:crypto';
import { AUDIT_OUTCOMES, roleSchema, type AuditEvent } from '@ccx/core';
import { z } from 'zod';
import type { DbContext } from '../db/dialect';
import { parseInput } from '../db/input';
import { parseJsonColumn } from '../db/json';
import type { AuditEventsTable } from '../db/schema';
import type { AuditRepository } from '../types';

const actorKindSchema = z.enum(['user', 'token', 'system']);
const outcomeSchema = z.enum(AUDIT_OUTCOMES);
const detailSchema = z.record(z.string(), z.unknown());

const appendSchema = z.object({
  id: z.string().min(1).max(200).optional(),
  at: z.iso.datetime({ offset: true }).optional(),
  actor: z.object({ kind: actorKindSchema, id: z.string(), name: z.string(), role: roleSchema }),
  action: z.string().min(1),
  target: z.string().nullable(),
  outcome: outcomeSchema,
  correlationId: z.string().min(1),
  detail: detailSchema,
  sourceIp: z.string().nullable(),
});

const querySchema = z.object({
  actorId: z.string().optional(),
  action: z.string().optional(),
  target: z.string().optional(),
  outcome: outcomeSchema.optional(),
  correlationId: z.string().optional(),
  offset: z.number().int().min(0),
  limit: z.number().int().min(0),
});

type Row = Omit<AuditEventsTable, 'seq'>;

function toEvent(row: Row): AuditEvent {
  return {
    id: row.id,
    at: row.at,
    actor: {
      kind: actorKindSchema.parse(row.actor_kind),
      id: row.actor_id,
      name: row.actor_name,
      role: roleSchema.parse(row.actor_role),
    },
    action: row.action,
    target: row.target,
    outcome: outcomeSchema.parse(row.outcome),
    correlationId: row.correlation_id,
    detail: parseJsonColumn(detailSchema, row.detail, 'audit_events.detail'),
    sourceIp: row.source_ip,
  };
}

/**
 * The audit log. It has no update or delete here, and the schema rejects both, so an entry
 * once written stays. Ordering is newest first by `at`, then by insertion order. An append
 * whose `id` is already in the log writes nothing and returns the entry stored under it, so a
 * caller that retries an append which committed before it threw still leaves one entry.
 */
export function createAuditRepository({ db }: DbContext): AuditRepository {
  return {
    async append(rawEvent) {
      const event = parseInput(appendSchema, rawEvent, 'audit event');
      const row: Row = {
        id: event.id ?? randomUUID(),
        at: event.at ?? new Date().toISOString(),
        actor_kind: event.actor.kind,
        actor_id: event.actor.id,
        actor_name: event.actor.name,
        actor_role: event.actor.role,
        action: event.action,
        target: event.target,
        outcome: event.outcome,
        correlation_id: event.correlationId,
        detail: JSON.stringify(event.detail),
        source_ip: event.sourceIp,
      };
      const inserted = await db
        .insertInto('audit_events')
        .values(row)
        .onConflict((conflict) => conflict.column('id').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 1n) > 0) return toEvent(row);
      return toEvent(
        await db
          .selectFrom('audit_events')
          .selectAll()
          .where('id', '=', row.id)
          .executeTakeFirstOrThrow(),
      );
    },
    async list(rawQuery) {
      const query = parseInput(querySchema, rawQuery, 'audit query');
      let filtered = db.selectFrom('audit_events');
      if (query.actorId !== undefined) filtered = filtered.where('actor_id', '=', query.actorId);
      if (query.action !== undefined) filtered = filtered.where('action', '=', query.action);
      if (query.target !== undefined) filtered = filtered.where('target', '=', query.target);
      if (query.outcome !== undefined) filtered = filtered.where('outcome', '=', query.outcome);
      if (query.correlationId !== undefined)
        filtered = filtered.where('correlation_id', '=', query.correlationId);
      const [countRow, rows] = await Promise.all([
        filtered
          .select((eb) => eb.fn.countAll<number | string>().as('total'))
          .executeTakeFirstOrThrow(),
        filtered
          .selectAll()
          .orderBy('at', 'desc')
          .orderBy('seq', 'desc')
          .limit(query.limit)
          .offset(query.offset)
          .execute(),
      ]);
      return { items: rows.map(toEvent), total: Number(countRow.total) };
    },
  };
}
