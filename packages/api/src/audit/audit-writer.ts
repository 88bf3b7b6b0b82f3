import { randomUUID } from 'node:crypto';
import type { Actor, AuditEvent, AuditOutcome } from '@ccx/core';
import type { Store } from '@ccx/store';
import type { Context } from 'hono';
import { actorOf } from '../auth/principal';
import type { ApiEnv } from '../env';

export interface AuditEntry {
  /**
   * Set by a caller that may record the same entry again (a retry after an error whose write
   * may have committed): the log keeps one entry per id.
   */
  id?: string;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  /** Omit to start a new correlation; pass the pending event's id to record its outcome. */
  correlationId?: string;
  /** Safe detail only: never passwords, tokens or provider secrets. */
  detail?: Record<string, unknown>;
  /** For calls made without a principal (a login attempt); defaults to the signed-in caller. */
  actor?: Actor;
}

/** Appends audit events for HTTP calls, filling in the actor and the client address. */
export function createAuditWriter(store: Store) {
  return {
    async record(c: Context<ApiEnv>, entry: AuditEntry): Promise<AuditEvent> {
      const principal = c.get('principal');
      const actor = entry.actor ?? (principal ? actorOf(principal) : anonymousActor('anonymous'));
      return store.audit.append({
        ...(entry.id === undefined ? {} : { id: entry.id }),
        actor,
        action: entry.action,
        target: entry.target,
        outcome: entry.outcome,
        correlationId: entry.correlationId ?? randomUUID(),
        detail: { ...entry.detail, requestId: c.get('requestId') },
        sourceIp: c.get('clientIp'),
      });
    },
  };
}

export type AuditWriter = ReturnType<typeof createAuditWriter>;

/** Someone not (yet) signed in, named by what they claimed to be. */
export function anonymousActor(name: string): Actor {
  return { kind: 'user', id: 'anonymous', name, role: 'viewer' };
}
