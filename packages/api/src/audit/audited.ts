import { isCcxError } from '@ccx/core';
import type { Context } from 'hono';
import type { ApiEnv } from '../env';
import type { AuditWriter } from './audit-writer';

export interface AuditedStep<T> {
  value: T;
  /** The target once known (a created id); defaults to the pending entry's target. */
  target?: string | null;
  /** Safe detail for the outcome entry. */
  detail?: Record<string, unknown>;
}

/**
 * Runs one change with the audit trail DESIGN.md promises for every mutation: `pending` before
 * the change is attempted, then `success`, `denied` (a forbidden error) or `failure` with the
 * same correlation id. A failure keeps only the error code, plus the message of a domain
 * error, whose classes guarantee it carries no credentials; the error itself is rethrown.
 * The outcome's write is retried; if the log still refuses it, that is logged and the change's
 * own result or error stands, since the change has been made (or refused) by then.
 */
export async function audited<T>(
  audit: AuditWriter,
  c: Context<ApiEnv>,
  entry: { action: string; target: string | null; detail?: Record<string, unknown> },
  change: () => Promise<AuditedStep<T>>,
): Promise<T> {
  const pending = await audit.record(c, { ...entry, outcome: 'pending' });
  const { correlationId } = pending;
  let step: AuditedStep<T>;
  try {
    step = await change();
  } catch (error) {
    const known = isCcxError(error);
    await audit.recordOutcome(c, {
      action: entry.action,
      target: entry.target,
      outcome: known && error.code === 'forbidden' ? 'denied' : 'failure',
      correlationId,
      detail: known ? { code: error.code, message: error.message } : { code: 'internal' },
    });
    throw error;
  }
  await audit.recordOutcome(c, {
    action: entry.action,
    target: step.target === undefined ? entry.target : step.target,
    outcome: 'success',
    correlationId,
    ...(step.detail ? { detail: step.detail } : {}),
  });
  return step.value;
}
