import type { Role } from './action';

export type ActorKind = 'user' | 'token' | 'system';

export interface Actor {
  kind: ActorKind;
  id: string;
  name: string;
  role: Role;
}

/**
 * `pending` is written before a call is sent to a provider; the outcome (`success` or
 * `failure`) is a second event sharing the correlation id. The log is append-only, so a crash
 * between the two leaves a visible pending entry instead of silence.
 */
export const AUDIT_OUTCOMES = ['pending', 'success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export interface AuditEvent {
  id: string;
  at: string;
  actor: Actor;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  correlationId: string;
  detail: Record<string, unknown>;
  /** Client address, when the event came over HTTP. */
  sourceIp: string | null;
}

/**
 * An event to append. `id` is given by a caller that may append the same event again (a retry
 * after an error whose write may have committed): an id already in the log is not written twice.
 */
export type AuditEventInput = Omit<AuditEvent, 'id' | 'at'> & { id?: string; at?: string };
