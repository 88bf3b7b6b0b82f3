import { randomUUID } from 'node:crypto';
import {
  OUTCOME_AUDIT_RETRY_DELAYS_MS,
  retryOutcomeAudit,
  type Actor,
  type AuditEvent,
  type AuditOutcome,
} from '@ccx/core';
import type { Store } from '@ccx/store';
import type { Context } from 'hono';
import type { Logger } from 'pino';
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

export interface AuditWriterOptions {
  /** Where an outcome the log would not take after every retry is reported. */
  logger?: Logger;
  /** Pauses before each retry of an outcome's write. */
  outcomeRetryDelaysMs?: readonly number[];
}

/** Appends audit events for HTTP calls, filling in the actor and the client address. */
export function createAuditWriter(store: Store, options: AuditWriterOptions = {}) {
  const delays = options.outcomeRetryDelaysMs ?? OUTCOME_AUDIT_RETRY_DELAYS_MS;

  async function record(c: Context<ApiEnv>, entry: AuditEntry): Promise<AuditEvent> {
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
  }

  /**
   * Records the outcome of a change that has been attempted: retried under one id (the log
   * keeps one entry per id), and if the log still refuses it, logged with the error and
   * reported as false. The change stands either way; the caller answers with its result.
   */
  async function recordOutcome(c: Context<ApiEnv>, entry: AuditEntry): Promise<boolean> {
    const id = entry.id ?? randomUUID();
    const failed = await retryOutcomeAudit(async () => {
      await record(c, { ...entry, id });
    }, delays);
    if (!failed) return true;
    options.logger?.error(
      {
        err: failed.error,
        action: entry.action,
        outcome: entry.outcome,
        correlationId: entry.correlationId,
        requestId: c.get('requestId'),
      },
      'the audit log refused the outcome of a change; it shows as pending',
    );
    return false;
  }

  return { record, recordOutcome };
}

export type AuditWriter = ReturnType<typeof createAuditWriter>;

/** Someone not (yet) signed in, named by what they claimed to be. */
export function anonymousActor(name: string): Actor {
  return { kind: 'user', id: 'anonymous', name, role: 'viewer' };
}
